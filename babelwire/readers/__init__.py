"""Readers: files, folders and standard input in; RawArticles and Rejections out.

    read_paths(["news/", "extra.jsonl", "-"]) -> RawArticle | Rejection, ...

Formats: seed `.txt` (an optional ` date YYYY[-MM[-DD]]` opening, then the
text), `.jsonl` and `.csv` (a `text` field, optional `id`, `title`, `date`,
`url`, `source`, `lang`), saved web pages `.html` and `.htm`. No input ever
raises: whatever cannot be read becomes a Rejection saying why and what to
do, or a warning on the article; a file in a folder that babelwire does not
read (a photo) becomes a Skipped item naming it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from babelwire.model import RawArticle, Rejection, Skipped
from babelwire.readers.folder import READERS, read_folder
from babelwire.readers.html import read_html
from babelwire.readers.jsonl import read_jsonl, read_jsonl_stream
from babelwire.readers.seed import read_seed
from babelwire.readers.tabular import read_csv

__all__ = [
    "read_csv",
    "read_file",
    "read_html",
    "read_jsonl",
    "read_path",
    "read_paths",
    "read_seed",
]

STDIN_PATH = "-"


def read_paths(
    paths: Iterable[str], stdin: TextIO | None = None
) -> Iterator[RawArticle | Rejection | Skipped]:
    """Everything the paths hold, path by path in the order given.

    A path is a file, a folder (replayed in publication-date order) or "-"
    for JSONL on `stdin` (standard input when None).
    """
    for path in paths:
        yield from read_path(path, stdin)


def read_path(path: str, stdin: TextIO | None = None) -> Iterator[RawArticle | Rejection | Skipped]:
    """Everything one path holds; see `read_paths`."""
    if path == STDIN_PATH:
        # Looked up at call time so that a replaced sys.stdin is the one read.
        yield from read_jsonl_stream(stdin if stdin is not None else sys.stdin)
        return
    # os.path answers False where Path.exists() would raise (no permission,
    # a NUL in the name): a bad path must become a Rejection, not an error.
    if os.path.isdir(path):
        yield from read_folder(Path(path))
    elif os.path.exists(path):
        yield from read_file(Path(path))
    else:
        yield Rejection(path, f"no such file or folder: {path} (check the path)")


def read_file(path: Path) -> Iterator[RawArticle | Rejection]:
    """The articles of one file, by its extension."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(READERS)
        reason = f"unsupported file type {path.suffix or '(none)'}: babelwire reads {supported}"
        yield Rejection(str(path), f"{reason}; convert it or rename it if it is one of these")
        return
    yield from reader(path)
