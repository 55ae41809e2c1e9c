"""Seed .txt files: the optional date opening, the text, the id."""

from __future__ import annotations

from pathlib import Path

import pytest

from babelwire.model import PartialDate, Precision, RawArticle
from babelwire.readers import read_paths


def read_one(path: Path) -> RawArticle:
    items = list(read_paths([str(path)]))
    assert len(items) == 1
    assert isinstance(items[0], RawArticle), items[0]
    return items[0]


@pytest.mark.parametrize(
    ("content", "date", "precision"),
    [
        (" date 2019 The harbour reopened.", PartialDate(2019), Precision.YEAR),
        (" date 2019-03 The harbour reopened.", PartialDate(2019, 3), Precision.MONTH),
        (" date 2019-03-07 The harbour reopened.", PartialDate(2019, 3, 7), Precision.DAY),
        (" date 2019-03-07\nThe harbour reopened.", PartialDate(2019, 3, 7), Precision.DAY),
        ("date 2019-03-07 The harbour reopened.", PartialDate(2019, 3, 7), Precision.DAY),
    ],
)
def test_a_date_opening_gives_the_date_and_is_cut_from_the_text(
    tmp_path: Path, content: str, date: PartialDate, precision: Precision
) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(content, encoding="utf-8")
    article = read_one(path)
    assert article.text == "The harbour reopened."
    assert (article.date, article.date.precision if article.date else None) == (date, precision)
    assert article.warnings == []


def test_the_id_is_the_file_name_without_extension_and_title_is_left_to_the_cleaner(
    tmp_path: Path,
) -> None:
    path = tmp_path / "017_a1b2.txt"
    path.write_text(" date 2021-05-01 Rain ended the drought.\n\nFarmers were relieved.\n")
    article = read_one(path)
    assert (article.id, article.title, article.origin) == ("017_a1b2", None, str(path))
    assert article.text == "Rain ended the drought.\n\nFarmers were relieved."
    assert article.line is None


def test_without_a_date_opening_the_whole_file_is_the_text(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("\n  The bridge was closed for repairs.  \n")
    article = read_one(path)
    assert (article.text, article.date) == ("The bridge was closed for repairs.", None)


def test_a_text_that_starts_with_the_word_date_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "palms.txt"
    path.write_text("date palms grow well in the valley.")
    assert read_one(path).text == "date palms grow well in the valley."


def test_a_date_opening_without_a_value_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "nodate.txt"
    path.write_text(" date\nThe museum reopened.")
    article = read_one(path)
    assert (article.text, article.date, article.warnings) == ("The museum reopened.", None, [])


def test_an_impossible_date_is_dropped_with_a_warning_and_the_article_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(" date 2020-13-45 The council met.")
    article = read_one(path)
    assert (article.text, article.date) == ("The council met.", None)
    assert len(article.warnings) == 1
    assert str(path) in article.warnings[0]
    assert "2020-13-45" in article.warnings[0]


def test_a_date_with_no_text_after_it_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "only_date.txt"
    path.write_text(" date 2020-10-06\n")
    (rejection,) = read_paths([str(path)])
    assert not isinstance(rejection, RawArticle)
    assert "no article text" in rejection.reason


def test_windows_newlines_and_a_bom_are_handled(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf date 2022-02-02\r\nFirst line.\r\n\r\nSecond line.\r\n")
    article = read_one(path)
    assert article.date == PartialDate(2022, 2, 2)
    assert article.text == "First line.\n\nSecond line."
    assert article.warnings == []
