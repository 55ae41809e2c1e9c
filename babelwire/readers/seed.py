"""Seed `.txt` files: one article each, optionally opened by its date.

The format, as the seed corpus writes it::

     date 2020-10 Konflikten i Kirgisistan ...

that is `date` (usually after a space) then `YYYY`, `YYYY-MM` or
`YYYY-MM-DD`, then the text, on the same line or the next. Without that
opening the whole file is the text and the article is undated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from babelwire.model import RawArticle, Rejection
from babelwire.readers.dates import parse_date
from babelwire.readers.textfile import load_text

# The value must start with four digits so that a text that merely begins
# with the word "date" keeps it; "date" alone on the first line is an
# opening whose date was left out.
_DATE_OPENING = re.compile(r"\A[ \t]*date(?:[ \t]+(?P<value>\d{4}\S*)|[ \t]*(?=\n|\Z))")


def read_seed(path: Path) -> Iterator[RawArticle | Rejection]:
    """The article in one seed file; its id is the file name without extension."""
    loaded = load_text(path)
    if isinstance(loaded, Rejection):
        yield loaded
        return
    yield parse_seed(loaded.text, str(path), path.stem, loaded.warnings)


def parse_seed(
    text: str, origin: str, article_id: str, warnings: list[str]
) -> RawArticle | Rejection:
    """Split a seed file's text into its date and its article text."""
    opening = _DATE_OPENING.match(text)
    if opening is None:
        return RawArticle(text=text.strip(), origin=origin, id=article_id, warnings=warnings)
    date = parse_date(opening.group("value"), origin, warnings)
    body = text[opening.end() :].strip()
    if not body:
        return Rejection(origin, "has a date but no article text; put the text after the date")
    return RawArticle(text=body, origin=origin, id=article_id, date=date, warnings=warnings)
