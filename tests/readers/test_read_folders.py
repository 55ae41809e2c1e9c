"""Folders replayed as a stream, explicit paths in order, and "-" for stdin."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from babelwire.model import PartialDate, RawArticle, Rejection, Skipped
from babelwire.readers import read_paths


def write(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def ids(items: list[RawArticle | Rejection | Skipped]) -> list[str | None]:
    return [
        item.id if isinstance(item, RawArticle) else f"rejected:{item.origin}" for item in items
    ]


def test_a_folder_is_replayed_by_date_then_undated_then_by_name(tmp_path: Path) -> None:
    write(tmp_path / "b_late.txt", " date 2020-10-09 Late.")
    write(tmp_path / "a_undated.txt", "No date.")
    write(tmp_path / "c_month.txt", " date 2020-10 The month, sorted as its first day.")
    write(tmp_path / "a_early.txt", " date 2020-10-01 Early, ties with the month.")
    write(tmp_path / "z_year.txt", " date 2019 The year before.")
    write(tmp_path / "0_undated.txt", "Also no date.")
    items = list(read_paths([str(tmp_path)]))
    assert ids(items) == ["z_year", "a_early", "c_month", "b_late", "0_undated", "a_undated"]


def test_folders_are_searched_recursively_and_other_files_named(tmp_path: Path) -> None:
    write(tmp_path / "top.txt", " date 2020-03-01 Top.")
    write(tmp_path / "sub" / "deeper" / "deep.txt", " date 2020-01-01 Deep.")
    write(
        tmp_path / "sub" / "lines.jsonl", json.dumps({"id": "j", "text": "J.", "date": "2020-02"})
    )
    write(tmp_path / "sub" / "rows.csv", "id,text,date\nc,C.,2020-02-15\n")
    write(tmp_path / "notes.md", "Not an input.")
    write(tmp_path / "data.json", '{"text": "Not an input either."}')
    write(tmp_path / ".hidden" / "secret.txt", "Editors and tools keep things here.")
    items = list(read_paths([str(tmp_path)]))
    assert ids([item for item in items if not isinstance(item, Skipped)]) == [
        "deep",
        "j",
        "c",
        "top",
    ]
    # Other file types are named as skipped; only hidden ones pass unsaid.
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert [item.origin for item in skipped] == [
        str(tmp_path / n) for n in ["data.json", "notes.md"]
    ]


def test_ties_break_by_file_name_then_line(tmp_path: Path) -> None:
    lines = [{"id": f"b{n}", "text": f"B{n}.", "date": "2021-06-01"} for n in range(3)]
    write(tmp_path / "b.jsonl", "\n".join(json.dumps(line) for line in reversed(lines)))
    write(tmp_path / "a.csv", "id,text,date\na0,A0.,2021-06-01\na1,A1.,2021-06-01\n")
    items = list(read_paths([str(tmp_path)]))
    assert ids(items) == ["a0", "a1", "b2", "b1", "b0"]
    assert [item.line for item in items] == [2, 3, 1, 2, 3]


def test_rejections_in_a_folder_come_with_the_undated(tmp_path: Path) -> None:
    write(tmp_path / "dated.txt", " date 2020-01-01 Dated.")
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "undated.txt", "Undated.")
    items = list(read_paths([str(tmp_path)]))
    assert ids(items) == ["dated", f"rejected:{tmp_path / 'empty.txt'}", "undated"]


def test_explicit_paths_keep_the_order_given(tmp_path: Path) -> None:
    late = write(tmp_path / "late.txt", " date 2022-01-01 Late.")
    early = write(tmp_path / "early.txt", " date 2001-01-01 Early.")
    folder = tmp_path / "folder"
    write(folder / "second.txt", " date 2010-01-02 Second.")
    write(folder / "first.txt", " date 2010-01-01 First.")
    items = list(read_paths([str(late), str(folder), str(early)]))
    assert ids(items) == ["late", "first", "second", "early"]


def test_an_empty_folder_yields_nothing(tmp_path: Path) -> None:
    assert list(read_paths([str(tmp_path)])) == []


def test_dash_reads_jsonl_from_the_given_stdin(tmp_path: Path) -> None:
    stdin = io.StringIO(
        "\ufeff" + json.dumps({"id": "s1", "text": "From a pipe.", "date": "2020-10-06"}) + "\r\n"
        "\n"
        "not json\n" + json.dumps({"text": "Again."}) + "\n"
    )
    before = write(tmp_path / "before.txt", "Before.")
    items = list(read_paths([str(before), "-"], stdin=stdin))
    assert [type(item).__name__ for item in items] == [
        "RawArticle",
        "RawArticle",
        "Rejection",
        "RawArticle",
    ]
    first = items[1]
    assert isinstance(first, RawArticle)
    assert (first.id, first.date, first.origin, first.line) == (
        "s1",
        PartialDate(2020, 10, 6),
        "<stdin>",
        1,
    )
    assert (items[2].origin, items[2].line) == ("<stdin>", 3)


def test_dash_defaults_to_sys_stdin_and_replaces_invalid_utf8(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = b'{"text": "Caf\xe9."}\n{"text": "Fine."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    first, second = read_paths(["-"])
    assert isinstance(first, RawArticle)
    assert isinstance(second, RawArticle)
    assert first.text == "Caf\ufffd."
    assert "<stdin>:1 is not valid UTF-8" in first.warnings[0]
    assert second.warnings == []


def test_an_empty_stdin_is_rejected() -> None:
    (rejection,) = read_paths(["-"], stdin=io.StringIO("\n\n"))
    assert isinstance(rejection, Rejection)
    assert rejection.origin == "<stdin>"
    assert "empty" in rejection.reason
