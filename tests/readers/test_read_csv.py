"""CSV files: header, fields, row numbers, quoted newlines."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from babelwire.model import PartialDate, RawArticle, Rejection
from babelwire.readers import read_paths, tabular


def write_csv(path: Path, content: str, newline: str = "\n") -> Path:
    path.write_bytes(content.replace("\n", newline).encode("utf-8"))
    return path


def test_fields_are_read_and_the_header_is_line_one(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "news.csv",
        "id,text,date,title,url,source,lang,extra\n"
        "c1,The ferry sank.,2020-10-06,Ferry,https://example.org/c1,Example,en,x\n"
        ",The ferry was raised.,2020-11,,,,,\n",
    )
    first, second = read_paths([str(path)])
    assert first == RawArticle(
        text="The ferry sank.",
        origin=str(path),
        line=2,
        id="c1",
        title="Ferry",
        date=PartialDate(2020, 10, 6),
        url="https://example.org/c1",
        source="Example",
        lang="en",
    )
    assert isinstance(second, RawArticle)
    assert (second.id, second.title, second.date, second.line) == (
        None,
        None,
        PartialDate(2020, 11),
        3,
    )


def test_quoted_fields_may_hold_newlines_and_commas(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "quoted.csv",
        'text,id\n"First paragraph, with a comma.\n\nSecond paragraph.",q1\nShort one.,q2\n',
    )
    first, second = read_paths([str(path)])
    assert isinstance(first, RawArticle)
    assert isinstance(second, RawArticle)
    assert first.text == "First paragraph, with a comma.\n\nSecond paragraph."
    # The line is where a row starts: the second row starts on line 5.
    assert (first.line, second.line) == (2, 5)


def test_windows_newlines_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    content = 'text,id\r\n"Two\r\nlines.",w1\r\nOne line.,w2\r\n'
    path.write_bytes(b"\xef\xbb\xbf" + content.encode())
    first, second = read_paths([str(path)])
    assert isinstance(first, RawArticle)
    assert isinstance(second, RawArticle)
    assert (first.id, first.text, second.text) == ("w1", "Two\nlines.", "One line.")


def test_column_names_ignore_case_and_spaces(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "caps.csv", " Text , ID\nHello.,h1\n")
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert (article.text, article.id) == ("Hello.", "h1")


def test_without_a_text_column_the_file_is_rejected_once(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "body.csv", "id,body\n1,Hello.\n2,Again.\n")
    (rejection,) = read_paths([str(path)])
    assert isinstance(rejection, Rejection)
    assert "id, body" in rejection.reason
    assert "`text` column is required" in rejection.reason


def test_a_semicolon_file_gets_a_hint(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "semi.csv", "id;text\n1;Hello.\n")
    (rejection,) = read_paths([str(path)])
    assert isinstance(rejection, Rejection)
    assert "comma" in rejection.reason


def test_a_row_with_empty_text_is_rejected_and_the_others_kept(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gaps.csv", "id,text\n1,Kept.\n2,\n3,  \n4\n5,Also kept.\n")
    items = list(read_paths([str(path)]))
    assert [(type(i).__name__, i.line) for i in items] == [
        ("RawArticle", 2),
        ("Rejection", 3),
        ("Rejection", 4),
        ("Rejection", 5),
        ("RawArticle", 6),
    ]


def test_an_impossible_date_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "d.csv", "text,date\nHello.,2021-02-29\n")
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert article.date is None
    assert f"{path}:2" in article.warnings[0]
    assert "2021-02-29" in article.warnings[0]


def test_a_header_without_rows_is_rejected(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "head.csv", "id,text\n")
    (rejection,) = read_paths([str(path)])
    assert isinstance(rejection, Rejection)
    assert "no rows" in rejection.reason


def test_a_text_longer_than_the_stdlib_field_limit_is_read(tmp_path: Path) -> None:
    long_text = "word " * 40_000  # 200 kB, over csv's default 128 KiB field limit
    path = write_csv(tmp_path / "long.csv", f'text\n"{long_text}"\n')
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert article.text == long_text.strip()


def test_a_csv_error_rejects_the_rest_of_the_file_and_keeps_what_came_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The stdlib csv module is lenient; its field size limit is the simplest
    # way to make it fail in the middle of a file.
    monkeypatch.setattr(tabular, "_allow_fields_as_large_as_files", lambda: None)
    previous_limit = csv.field_size_limit(20)
    try:
        path = write_csv(tmp_path / "big.csv", "text\nShort.\n" + "x" * 50 + "\nAfter.\n")
        items = list(read_paths([str(path)]))
    finally:
        csv.field_size_limit(previous_limit)
    assert isinstance(items[0], RawArticle)
    assert isinstance(items[1], Rejection)
    assert (items[1].line, len(items)) == (3, 2)
    assert "not well-formed CSV" in items[1].reason


def test_an_unclosed_quote_is_reported_where_it_opened(tmp_path: Path) -> None:
    # The quote opened on line 3 never closes: the csv module would read
    # every line after it into that one field, silently.
    path = write_csv(
        tmp_path / "unclosed.csv",
        "id,text\n"
        'u1,"The bridge reopened on Monday."\n'
        'u2,"The council met, and then\n'
        "u3,The mayor resigned.\n"
        "u4,The budget passed.\n",
    )
    items = list(read_paths([str(path)]))
    assert [type(item).__name__ for item in items] == ["RawArticle", "Rejection"]
    assert isinstance(items[0], RawArticle) and items[0].id == "u1"
    rejection = items[1]
    assert isinstance(rejection, Rejection)
    assert rejection.line == 3
    assert "quote opened on line 3 is never closed" in rejection.reason
    assert "lines 3 to 5" in rejection.reason
    assert "close the quote" in rejection.reason


def test_an_unclosed_quote_in_the_header_is_reported_too(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "header.csv", 'id,"text\nh1,The ferry sank.\n')
    (rejection,) = read_paths([str(path)])
    assert isinstance(rejection, Rejection)
    assert rejection.line == 1
    assert "never closed" in rejection.reason


def test_quotes_inside_unquoted_fields_and_doubled_quotes_are_no_unclosed_quote(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path / "quotes.csv",
        'id,text\nq1,A 5" screen broke.\nq2,"He said ""no"", twice."\nq3,"ok"x\n',
    )
    items = list(read_paths([str(path)]))
    assert all(isinstance(item, RawArticle) for item in items)
    assert len(items) == 3


def test_a_date_as_feeds_write_it_and_a_made_up_lang(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "feedish.csv",
        'text,date,lang\nThe ferry sank.,"Tue, 05 Mar 2024 14:30:00 GMT",klingon\n',
    )
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert (article.date, article.lang) == (PartialDate(2024, 3, 5), None)
    (warning,) = article.warnings
    assert f"{path}:2" in warning and "'klingon' is not a language code" in warning
