"""Publication dates as inputs give them, checked before they go further."""

from __future__ import annotations

from babelwire.model import PartialDate


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
    try:
        return PartialDate.parse(value)
    except ValueError:
        warnings.append(f"{where}: date {value.strip()!r} is not a real date; {_KEPT_UNDATED}")
        return None


_KEPT_UNDATED = (
    "the article was kept without a date"
    " (write dates as ISO 8601: 2020, 2020-10, 2020-10-06 or 2020-10-06T10:00:00Z)"
)
