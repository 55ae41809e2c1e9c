"""JSONL files: fields, line numbers, and a broken line costing only itself."""

from __future__ import annotations

import datetime as dt
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


def test_a_date_as_feeds_write_it_is_read_to_the_day(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "rfc.jsonl",
        record(text="A.", date="Tue, 05 Mar 2024 14:30:00 GMT"),
        record(text="B.", date="5 Mar 2024 23:59:59 -0800"),  # the day as written, not UTC's
    )
    first, second = read_paths([str(path)])
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.date, first.warnings) == (PartialDate(2024, 3, 5), [])
    assert second.date == PartialDate(2024, 3, 5)


def test_a_date_more_than_a_day_ahead_is_dropped_with_a_warning(tmp_path: Path) -> None:
    ahead = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=3)
    path = write_lines(
        tmp_path / "future.jsonl",
        record(text="A.", date=ahead.isoformat()),
        record(text="B.", date="2999"),
        record(text="C.", date=(dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)).isoformat()),
    )
    first, second, third = read_paths([str(path)])
    for article, value in [(first, ahead.isoformat()), (second, "2999")]:
        assert isinstance(article, RawArticle)
        assert article.date is None
        (warning,) = article.warnings
        assert f"{path}:{article.line}" in warning and value in warning
        assert "in the future" in warning
    # Time zones put tomorrow's date on articles published today.
    assert isinstance(third, RawArticle) and third.date is not None and not third.warnings


def test_a_lang_that_is_no_language_code_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "langs.jsonl",
        record(text="A.", lang="english"),
        record(text="B.", lang="xx"),
        record(text="C.", lang="NB"),
        record(text="D.", lang="pt-BR"),
        record(text="E.", lang="yue"),
    )
    items = list(read_paths([str(path)]))
    assert all(isinstance(item, RawArticle) for item in items)
    assert [item.lang for item in items] == [None, None, "nb", "pt", "yue"]  # type: ignore[union-attr]
    for item, value in zip(items[:2], ["english", "xx"], strict=True):
        (warning,) = item.warnings  # type: ignore[union-attr]
        assert f"{path}:{item.line}" in warning and repr(value) in warning
        assert "not a language code" in warning
    assert not any(item.warnings for item in items[2:])  # type: ignore[union-attr]
