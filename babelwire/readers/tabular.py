"""CSV files: a header row naming the fields, then one article per row.

Read with the stdlib csv module, so quoted fields may hold commas and
newlines. Column names are matched without regard to case or surrounding
spaces; a `text` column is required, the others are optional.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from babelwire import config
from babelwire.model import RawArticle, Rejection
from babelwire.readers.records import article_from_record
from babelwire.readers.textfile import load_text

_Row = tuple[int, list[str]]
_LARGEST_C_LONG = 2**31 - 1  # a 32-bit C long (Windows): safe everywhere


def read_csv(path: Path) -> Iterator[RawArticle | Rejection]:
    """The articles of one CSV file.

    `line` is the physical line on which a row starts, the header being
    line 1. For a CSV without quoted newlines that is the row number counting
    the header as 1; with them, it is still the line an editor shows.
    """
    loaded = load_text(path)
    if isinstance(loaded, Rejection):
        yield loaded
        return
    yield from parse_csv(loaded.text, str(path), loaded.warnings)


def parse_csv(text: str, origin: str, warnings: list[str]) -> Iterator[RawArticle | Rejection]:
    rows = _numbered_rows(text, origin)
    header = next(rows, None)
    if header is None or isinstance(header, Rejection):
        yield header or Rejection(origin, "empty file: there is nothing to read in it")
        return
    columns = [name.strip().lower() for name in header[1]]
    if "text" not in columns:
        yield Rejection(origin, _no_text_column_reason(header[1]), header[0])
        return
    has_rows = False
    for row in rows:
        has_rows = True
        if isinstance(row, Rejection):
            yield row
            continue
        # Short rows lack the last fields and long rows' extra cells have no
        # name: neither is an error, like any unknown field.
        record = dict(zip(columns, row[1], strict=False))
        yield article_from_record(record, origin, row[0], warnings)
    if not has_rows:
        yield Rejection(origin, "has a header but no rows; add one row per article under it")


def _numbered_rows(text: str, origin: str) -> Iterator[_Row | Rejection]:
    """Each non-blank row with the line it starts on; a Rejection ends a malformed file."""
    _allow_fields_as_large_as_files()
    reader = csv.reader(io.StringIO(text, newline=""))
    lines_read = 0
    try:
        for row in reader:
            start, lines_read = lines_read + 1, reader.line_num
            if row:
                yield start, row
    except csv.Error as error:
        # The reader cannot find the next row reliably after this: stop here.
        reason = f"is not well-formed CSV ({error}); check its quotes, the rest was not read"
        yield Rejection(origin, reason, reader.line_num)


def _allow_fields_as_large_as_files() -> None:
    # The stdlib refuses fields over 128 KiB, less than a long article may
    # be; files are already capped by max_file_bytes, so allow up to that
    # (within the C long the csv module stores the limit in).
    wanted = min(config.max_file_bytes(), _LARGEST_C_LONG)
    csv.field_size_limit(max(csv.field_size_limit(), wanted))


def _no_text_column_reason(header: list[str]) -> str:
    reason = (
        f"has no `text` column (its columns are: {', '.join(header)});"
        " a `text` column is required, name the column holding the article text `text`"
    )
    if len(header) == 1 and any(separator in header[0] for separator in ";\t|"):
        reason += "; the file also seems not to be comma-separated, and babelwire reads only commas"
    return reason
