"""Inputs that cannot be articles: each becomes a Rejection, and the batch goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from babelwire.model import RawArticle, Rejection
from babelwire.readers import read_paths

FORMATS = ["x.txt", "x.jsonl", "x.csv"]


def read_all(*paths: Path | str) -> list[RawArticle | Rejection]:
    return list(read_paths([str(path) for path in paths]))


def only_rejection(path: Path) -> Rejection:
    (item,) = read_all(path)
    assert isinstance(item, Rejection), item
    assert item.origin == str(path)
    return item


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t ", b"\xef\xbb\xbf\n"])
def test_an_empty_file_is_rejected(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert "empty file" in only_rejection(path).reason


@pytest.mark.parametrize("name", FORMATS)
def test_a_file_with_nul_bytes_looks_binary(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in only_rejection(path).reason


def test_a_file_of_control_characters_looks_binary(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 32)) * 20 + b"some text")
    assert "binary" in only_rejection(path).reason


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("latin1.txt", " date 2020-01-02 Caf\xe9 cr\xe8me was served.".encode("latin-1")),
        ("latin1.jsonl", '{"text": "Caf\xe9 cr\xe8me was served."}\n'.encode("latin-1")),
        ("latin1.csv", "text\nCaf\xe9 cr\xe8me was served.\n".encode("latin-1")),
    ],
)
def test_latin1_is_read_as_a_legacy_encoding_with_a_warning(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (article,) = read_all(path)
    assert isinstance(article, RawArticle)
    assert article.text == "Caf\xe9 cr\xe8me was served."
    (warning,) = article.warnings
    assert f"{path} is not UTF-8: it was read as cp1252" in warning


def test_a_utf16_file_from_a_windows_editor_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_text(" date 2020-05-05 Hello from Notepad.", encoding="utf-16")
    (article,) = read_all(path)
    assert isinstance(article, RawArticle)
    assert (article.text, str(article.date)) == ("Hello from Notepad.", "2020-05-05")


def test_a_file_over_the_size_limit_is_rejected_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BABELWIRE_MAX_FILE_MB", "0.001")  # 1,000 bytes
    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "' + "a" * 2000 + '"}\n')
    monkeypatch.setattr(Path, "read_bytes", _must_not_be_called)
    reason = only_rejection(path).reason
    assert "too large" in reason
    assert "2,013 bytes" in reason
    assert "1,000" in reason
    assert "BABELWIRE_MAX_FILE_MB" in reason


def _must_not_be_called(self: Path) -> bytes:
    raise AssertionError(f"{self} was read although it is over the limit")


def test_a_missing_path_is_rejected_by_name(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "news.jsonl"
    reason = only_rejection(missing).reason
    assert "no such file or folder" in reason
    assert str(missing) in reason
    assert "check the path" in reason


def test_an_unsupported_file_type_given_explicitly_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "news.json"
    path.write_text('{"text": "Hello."}')
    reason = only_rejection(path).reason
    assert ".json" in reason
    assert ".jsonl" in reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Hidden.")
    path.chmod(0)
    assert "cannot be read" in only_rejection(path).reason


def test_bad_inputs_do_not_stop_the_rest_of_the_batch(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\x01\x02")
    good = tmp_path / "good.txt"
    good.write_text("The good one.")
    items = read_all(empty, tmp_path / "missing.txt", binary, good)
    assert [type(item).__name__ for item in items] == [
        "Rejection",
        "Rejection",
        "Rejection",
        "RawArticle",
    ]
