"""JSONL files: fields, line numbers, and a broken line costing only itself."""

from __future__ import annotations

import json
from pathlib import Path

from babelwire.model import PartialDate, RawArticle, Rejection
from babelwire.readers import read_paths


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_every_known_field_is_read_and_unknown_ones_ignored(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "news.jsonl",
        record(
            id="a1",
            text=" Snow closed the pass. ",
            title="Pass closed",
            date="2021-04-22T10:00:00Z",
            url="https://example.org/a1",
            source="Example Daily",
            lang="en",
            mood="grim",
        ),
    )
    (article,) = read_paths([str(path)])
    assert article == RawArticle(
        text="Snow closed the pass.",
        origin=str(path),
        line=1,
        id="a1",
        title="Pass closed",
        date=PartialDate(2021, 4, 22),
        url="https://example.org/a1",
        source="Example Daily",
        lang="en",
    )


def test_without_an_id_the_pipeline_is_left_to_hash_the_content(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "x.jsonl", record(text="One."), record(text="Two.", id=""))
    articles = list(read_paths([str(path)]))
    assert [a.id for a in articles if isinstance(a, RawArticle)] == [None, None]


def test_a_numeric_id_becomes_text(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "x.jsonl", record(text="One.", id=42))
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert article.id == "42"


def test_dates_keep_their_precision(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "x.jsonl",
        record(text="A.", date="2020"),
        record(text="B.", date="2020-10"),
        record(text="C.", date="2020-10-06"),
    )
    dates = [a.date for a in read_paths([str(path)]) if isinstance(a, RawArticle)]
    assert dates == [PartialDate(2020), PartialDate(2020, 10), PartialDate(2020, 10, 6)]


def test_broken_lines_are_rejected_with_their_number_and_the_rest_stored(
    tmp_path: Path,
) -> None:
    path = write_lines(
        tmp_path / "mixed.jsonl",
        record(text="First."),
        '{"text": "unterminated',
        "",
        "[1, 2, 3]",
        record(title="no text here"),
        record(text="   "),
        record(text=7),
        record(text="Last."),
    )
    items = list(read_paths([str(path)]))
    assert [(type(i).__name__, i.line) for i in items] == [
        ("RawArticle", 1),
        ("Rejection", 2),
        ("Rejection", 4),
        ("Rejection", 5),
        ("Rejection", 6),
        ("Rejection", 7),
        ("RawArticle", 8),
    ]
    broken, not_object, *no_text = [i for i in items if isinstance(i, Rejection)]
    assert "not valid JSON" in broken.reason
    assert "column" in broken.reason
    assert "not an object" in not_object.reason
    assert all("`text`" in r.reason for r in no_text)
    assert all(r.origin == str(path) for r in no_text)


def test_blank_lines_are_skipped_silently(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "gaps.jsonl", "", record(text="A."), "   ", "", record(text="B."))
    items = list(read_paths([str(path)]))
    assert [(i.text, i.line) for i in items if isinstance(i, RawArticle)] == [("A.", 2), ("B.", 5)]
    assert len(items) == 2


def test_an_impossible_date_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "x.jsonl", record(text="A.", date="2020-02-30"))
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert article.date is None
    (warning,) = article.warnings
    assert f"{path}:1" in warning
    assert "2020-02-30" in warning


def test_a_date_that_is_not_text_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "x.jsonl", record(text="A.", date=["2020"]))
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert article.date is None
    assert "not text" in article.warnings[0]


def test_a_field_that_is_not_text_is_ignored_with_a_warning(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "x.jsonl", record(text="A.", title={"en": "Hi"}))
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert article.title is None
    assert "`title`" in article.warnings[0]


def test_windows_newlines_a_bom_and_line_separators_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "win.jsonl"
    text_with_separator = "Before\u2028after."
    lines = [record(text="A."), record(text=text_with_separator)]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\r\n")
    items = list(read_paths([str(path)]))
    assert [(i.text, i.line) for i in items if isinstance(i, RawArticle)] == [
        ("A.", 1),
        (text_with_separator, 2),
    ]


def test_lone_surrogates_are_replaced_so_the_text_can_be_stored(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "x.jsonl", '{"text": "Broken \\ud800 pair."}')
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    article.text.encode("utf-8")  # must not raise


def test_deeply_nested_json_is_rejected_not_raised(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "deep.jsonl", "[" * 100_000, record(text="Fine."))
    items = list(read_paths([str(path)]))
    assert isinstance(items[0], Rejection)
    assert items[0].line == 1
    assert isinstance(items[1], RawArticle)
