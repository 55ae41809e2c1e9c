"""JSON Lines: one article object per line, from a file or a stream.

A broken line costs only itself: it becomes a Rejection carrying its 1-based
line number and the JSON error, and the lines after it are still read.
Blank lines are skipped silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from babelwire.model import RawArticle, Rejection
from babelwire.readers.records import article_from_record
from babelwire.readers.textfile import decode, load_text

STDIN_ORIGIN = "<stdin>"


def read_jsonl(path: Path) -> Iterator[RawArticle | Rejection]:
    """The articles of one JSONL file; `line` is the 1-based line number."""
    loaded = load_text(path)
    if isinstance(loaded, Rejection):
        yield loaded
        return
    # split("\n"), not splitlines(): JSON strings may hold raw U+2028 and
    # other characters that splitlines() would wrongly break on.
    numbered = enumerate(loaded.text.split("\n"), start=1)
    items = (parse_line(line, str(path), number, loaded.warnings) for number, line in numbered)
    yield from (item for item in items if item is not None)


def read_jsonl_stream(stream: TextIO) -> Iterator[RawArticle | Rejection]:
    """The articles of a JSONL stream, read as it arrives (for standard input).

    When the stream has a byte buffer (a real standard input) the bytes are
    decoded line by line, so invalid UTF-8 costs a warning on that line's
    article instead of an exception that would end the batch.
    """
    seen_any = False
    for number, (line, warnings) in enumerate(_decoded_lines(stream), start=1):
        # A text stream keeps a UTF-8 BOM as U+FEFF; only line 1 can have one.
        line = line.removeprefix("\ufeff") if number == 1 else line
        item = parse_line(line, STDIN_ORIGIN, number, warnings)
        if item is not None:
            seen_any = True
            yield item
    if not seen_any:
        yield Rejection(STDIN_ORIGIN, "empty input: nothing arrived on standard input")


def parse_line(
    line: str, origin: str, number: int, warnings: list[str]
) -> RawArticle | Rejection | None:
    """The article on one line; None for a blank line."""
    if not line.strip():
        return None
    record = _parse_object(line)
    if isinstance(record, str):
        return Rejection(origin, record, number)
    return article_from_record(record, origin, number, warnings)


def _parse_object(line: str) -> dict[str, object] | str:
    """The JSON object on a line, or the reason there is none."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return f"not valid JSON ({error.msg} at column {error.colno}); fix or remove this line"
    except (ValueError, RecursionError) as error:
        # json.loads also gives up on huge integers and very deep nesting.
        return f"cannot be read as JSON ({error}); fix or remove this line"
    if not isinstance(record, dict):
        return 'is JSON but not an object; write each article as {"text": "...", ...}'
    return record


def _decoded_lines(stream: TextIO) -> Iterable[tuple[str, list[str]]]:
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return ((line, []) for line in stream)
    return _decode_each(buffer)


def _decode_each(lines: Iterable[bytes]) -> Iterator[tuple[str, list[str]]]:
    for number, raw in enumerate(lines, start=1):
        loaded = decode(raw, f"{STDIN_ORIGIN}:{number}")
        yield loaded.text, loaded.warnings
