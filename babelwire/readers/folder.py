"""A folder replayed as a news stream: its articles in publication-date order.

The folder is searched recursively for `*.txt` (seed format), `*.jsonl`,
`*.csv` and saved web pages (`*.html`, `*.htm`). Every other file becomes a
Skipped item naming it, so that nothing is left out in silence; only hidden
files and folders (names starting with a dot: editor backups, `.git`) are
passed over without a word. Every file is read before the first article is
yielded, because the order depends on all of them:

1. dated articles by the first day their date may stand for (a month-precise
   `2020-10` sorts as 2020-10-01);
2. then undated articles, Rejections and Skipped files;
3. ties by file name, then by path within the folder, then by line.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from babelwire.model import RawArticle, Rejection, Skipped
from babelwire.readers.html import read_html
from babelwire.readers.jsonl import read_jsonl
from babelwire.readers.seed import read_seed
from babelwire.readers.tabular import read_csv

FileReader = Callable[[Path], Iterator[RawArticle | Rejection]]

READERS: dict[str, FileReader] = {
    ".txt": read_seed,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
}

_SortKey = tuple[bool, dt.date, str, str, int]


def read_folder(folder: Path) -> Iterator[RawArticle | Rejection | Skipped]:
    """Every article under `folder`, in stream order (see the module docstring)."""
    keyed: list[tuple[_SortKey, RawArticle | Rejection | Skipped]] = []
    for entry in _input_files(folder):
        if not isinstance(entry, Path):
            keyed.append((_stream_order(entry, Path(entry.origin).name, entry.origin), entry))
            continue
        relative = entry.relative_to(folder).as_posix()
        for item in READERS[entry.suffix.lower()](entry):
            keyed.append((_stream_order(item, entry.name, relative), item))
    keyed.sort(key=lambda pair: pair[0])
    yield from (item for _, item in keyed)


def _input_files(folder: Path) -> Iterator[Path | Skipped | Rejection]:
    """The files under `folder`: a path for each input, Skipped for each other
    file, then a Rejection for each folder that could not be opened."""
    errors: list[OSError] = []
    # os.walk does not follow links to folders, so a link loop cannot trap it.
    for root, folders, files in os.walk(folder, onerror=errors.append):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            yield path if path.suffix.lower() in READERS else Skipped(str(path), _unread(path))
    for error in errors:
        reason = f"cannot open folder: {error.strerror or error} (check its permissions)"
        yield Rejection(str(error.filename or folder), reason)


# Feeds and feed lists are read by `babelwire watch`, not by ingest.
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".opml", ".rdf"})


def _unread(path: Path) -> str:
    kind = f"{path.suffix} files" if path.suffix else "files without an extension"
    reason = f"babelwire does not read {kind} (it reads {', '.join(READERS)})"
    if path.suffix.lower() in FEED_SUFFIXES:
        reason += f"; for a feed, run `babelwire watch {path} --once`"
    return reason


def _stream_order(item: RawArticle | Rejection | Skipped, name: str, relative: str) -> _SortKey:
    date = item.date if isinstance(item, RawArticle) else None
    line = item.line or 0
    if date is None:
        return (True, dt.date.max, name, relative, line)
    return (False, date.start, name, relative, line)
