"""A folder replayed as a news stream: its articles in publication-date order.

The folder is searched recursively for `*.txt` (seed format), `*.jsonl` and
`*.csv`; other files, and hidden files and folders (names starting with a
dot: editor backups, `.git`), are ignored. Every file is read before the
first article is yielded, because the order depends on all of them:

1. dated articles by the first day their date may stand for (a month-precise
   `2020-10` sorts as 2020-10-01);
2. then undated articles and Rejections;
3. ties by file name, then by path within the folder, then by line.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from babelwire.model import RawArticle, Rejection
from babelwire.readers.jsonl import read_jsonl
from babelwire.readers.seed import read_seed
from babelwire.readers.tabular import read_csv

FileReader = Callable[[Path], Iterator[RawArticle | Rejection]]

READERS: dict[str, FileReader] = {".txt": read_seed, ".jsonl": read_jsonl, ".csv": read_csv}

_SortKey = tuple[bool, dt.date, str, str, int]


def read_folder(folder: Path) -> Iterator[RawArticle | Rejection]:
    """Every article under `folder`, in stream order (see the module docstring)."""
    keyed: list[tuple[_SortKey, RawArticle | Rejection]] = []
    for entry in _input_files(folder):
        if isinstance(entry, Rejection):
            keyed.append((_stream_order(entry, Path(entry.origin).name, entry.origin), entry))
            continue
        relative = entry.relative_to(folder).as_posix()
        for item in READERS[entry.suffix.lower()](entry):
            keyed.append((_stream_order(item, entry.name, relative), item))
    keyed.sort(key=lambda pair: pair[0])
    yield from (item for _, item in keyed)


def _input_files(folder: Path) -> Iterator[Path | Rejection]:
    """The input files under `folder`, then a Rejection for each folder that could not be opened."""
    errors: list[OSError] = []
    # os.walk does not follow links to folders, so a link loop cannot trap it.
    for root, folders, files in os.walk(folder, onerror=errors.append):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield Path(root) / name
    for error in errors:
        reason = f"cannot open folder: {error.strerror or error} (check its permissions)"
        yield Rejection(str(error.filename or folder), reason)


def _stream_order(item: RawArticle | Rejection, name: str, relative: str) -> _SortKey:
    date = item.date if isinstance(item, RawArticle) else None
    line = item.line or 0
    if date is None:
        return (True, dt.date.max, name, relative, line)
    return (False, date.start, name, relative, line)
