"""Publication dates as inputs give them, checked before they go further.

Read: ISO 8601 at any precision (2020, 2020-10, 2020-10-06, a timestamp) and
RFC 2822, as feeds and mail write dates ("Tue, 05 Mar 2024 14:30:00 GMT"),
to the day it names in its own time zone. Dropped, with a warning: what is
not a real date, and a date more than a day ahead of now.
"""

from __future__ import annotations

import datetime as dt
import email.utils

from babelwire.model import PartialDate

# Time zones put tomorrow's date on an article published today; further
# ahead, a date is a mistake (or a typo'd year) that would sort the article
# after everything else in a replayed stream.
FUTURE_ALLOWANCE = dt.timedelta(days=1)


def parse_date(value: object, where: str, warnings: list[str]) -> PartialDate | None:
    """The date `value` stands for, or None with a warning when it is not a real date.

    An absent or empty value is no date and no mistake. A bad one must not
    cost the article: it is kept undated and the warning says which input
    held which value.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        warnings.append(f"{where}: date {value!r} is not text; {_KEPT_UNDATED}")
        return None
    date = _iso_or_rfc2822(value.strip())
    if date is None:
        warnings.append(not_a_date(value, where))
        return None
    return not_ahead(date, value, where, warnings)


def not_ahead(
    date: PartialDate | None, value: str, where: str, warnings: list[str]
) -> PartialDate | None:
    """`date`, unless it is more than a day ahead of now: then None, with a warning
    naming the input and the value it gave (`value`)."""
    if date is not None and date.start > dt.datetime.now(dt.UTC).date() + FUTURE_ALLOWANCE:
        warnings.append(f"{where}: date {value.strip()!r} is in the future; {_KEPT_UNDATED}")
        return None
    return date


def not_a_date(value: str, where: str) -> str:
    """The warning for a date value that names no real date."""
    return f"{where}: date {value.strip()!r} is not a real date; {_KEPT_UNDATED}"


def _iso_or_rfc2822(text: str) -> PartialDate | None:
    try:
        return PartialDate.parse(text)
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return PartialDate(moment.year, moment.month, moment.day)


_KEPT_UNDATED = (
    "the article was kept without a date"
    " (write dates as ISO 8601: 2020, 2020-10, 2020-10-06 or 2020-10-06T10:00:00Z,"
    " or as RFC 2822: Tue, 06 Oct 2020 10:00:00 GMT)"
)
