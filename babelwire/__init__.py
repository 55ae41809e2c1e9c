"""babelwire: follow the world's news across languages.

Articles in any language go in; the real-world events they report come out,
each with its articles linked across languages and the evidence for each link.
"""

from babelwire.api import Babelwire, open
from babelwire.model import (
    Article,
    Event,
    PartialDate,
    Precision,
    RawArticle,
    Rejection,
    Skipped,
)
from babelwire.pipeline import Outcome, Status

__all__ = [
    "Article",
    "Babelwire",
    "Event",
    "Outcome",
    "PartialDate",
    "Precision",
    "RawArticle",
    "Rejection",
    "Skipped",
    "Status",
    "open",
]
