"""CSV files: a header row naming the fields, then one article per row.

Read with the stdlib csv module, so quoted fields may hold commas and
newlines. Column names are matched without regard to case or surrounding
spaces; a `text` column is required, the others are optional.

A quote that is never closed makes the csv module read every line after it
into one field, without complaint; that row is rejected instead, naming the
line where the quote opened, and the rows before it are kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from babelwire import config
from babelwire.model import RawArticle, Rejection
from babelwire.readers.records import article_from_record
from babelwire.readers.textfile import load_text

_Row = tuple[int, int, list[str]]  # first line, last line, fields
_LARGEST_C_LONG = 2**31 - 1  # a 32-bit C long (Windows): safe everywhere
# A quoted field, as the csv module reads one: its quote opens a field (at the
# start of the text or after a comma or newline) and "" inside is a literal
# quote; the field ends at the next lone quote, or at the end of the text
# when the quote is never closed (`close` is then empty).
_QUOTED_FIELD = re.compile(r'(?:^|(?<=[,\n]))"[^"]*(?:""[^"]*)*(?P<close>"?)')


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
    unclosed = _unclosed_quote_line(text)
    if unclosed is not None and header[1] >= unclosed:
        yield _unclosed_quote(origin, unclosed, header[1])
        return
    columns = [name.strip().lower() for name in header[2]]
    if "text" not in columns:
        yield Rejection(origin, _no_text_column_reason(header[2]), header[0])
        return
    has_rows = False
    for row in rows:
        has_rows = True
        if isinstance(row, Rejection):
            yield row
        elif unclosed is not None and row[1] >= unclosed:
            yield _unclosed_quote(origin, unclosed, row[1])
        else:
            # Short rows lack the last fields and long rows' extra cells have
            # no name: neither is an error, like any unknown field.
            record = dict(zip(columns, row[2], strict=False))
            yield article_from_record(record, origin, row[0], warnings)
    if not has_rows:
        yield Rejection(origin, "has a header but no rows; add one row per article under it")


def _numbered_rows(text: str, origin: str) -> Iterator[_Row | Rejection]:
    """Each non-blank row with the lines it spans; a Rejection ends a malformed file."""
    _allow_fields_as_large_as_files()
    reader = csv.reader(io.StringIO(text, newline=""))
    lines_read = 0
    try:
        for row in reader:
            start, lines_read = lines_read + 1, reader.line_num
            if row:
                yield start, lines_read, row
    except csv.Error as error:
        # The reader cannot find the next row reliably after this: stop here.
        reason = f"is not well-formed CSV ({error}); check its quotes, the rest was not read"
        yield Rejection(origin, reason, reader.line_num)


def _unclosed_quote_line(text: str) -> int | None:
    """The line on which a quote opens that is never closed, if one does."""
    for field in _QUOTED_FIELD.finditer(text):
        if not field.group("close"):
            return text.count("\n", 0, field.start()) + 1
    return None


def _unclosed_quote(origin: str, opened: int, last: int) -> Rejection:
    reason = (
        f"a quote opened on line {opened} is never closed, so lines {opened} to {last}"
        " were read as one field and not stored; close the quote (or write a quote inside"
        ' a field as "") and ingest the file again'
    )
    return Rejection(origin, reason, opened)


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
