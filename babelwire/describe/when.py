"""Date expressions in a sentence, resolved against the article's own date.

"Tuesday", "Sunday's election", "sist søndag", "i går kveld", "last year",
"am Sonntag", "el domingo pasado", "mardi dernier", "4 October", "in 2005":
each becomes a PartialDate. A bare weekday in news means the latest such day
on or before publication ("the election Tuesday" in a Tuesday paper is that
day); "next"/"neste"/"nächsten"/"próximo"/"prochain" turn it forward.
Relative expressions need the article's date; absolute ones do not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babelwire.dates import WEEKDAYS as _WEEKDAYS
from babelwire.model import PartialDate, Precision

_WEEKDAY = {name: number for number, names in _WEEKDAYS.items() for name in names}

_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "januar", "janvier", "enero", "jan"),
    2: ("february", "februar", "février", "fevrier", "febrero", "feb"),
    3: ("march", "mars", "märz", "marzo"),
    4: ("april", "avril", "abril", "apr"),
    5: ("may", "mai", "mayo"),
    6: ("june", "juni", "juin", "junio", "jun"),
    7: ("july", "juli", "juillet", "julio", "jul"),
    8: ("august", "août", "aout", "agosto", "aug"),
    9: ("september", "septembre", "septiembre", "sept", "sep"),
    10: ("october", "oktober", "octobre", "octubre", "oct", "okt"),
    11: ("november", "novembre", "noviembre", "nov"),
    12: ("december", "desember", "dezember", "décembre", "decembre", "diciembre", "dec", "dez"),
}  # fmt: skip
_MONTH = {name: number for number, names in _MONTHS.items() for name in names}


def _alternation(names: object) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))  # type: ignore[call-overload]


_WD = _alternation(_WEEKDAY)
_MO = _alternation(_MONTH)
_FORWARD = (
    r"next|neste|kommende|nächsten|naechsten|kommenden|próximo|proximo|prochain"
    r"|until|for|till|innen|für|bis|hasta|pour"  # "scheduled for Thursday"; nb "natt til" is back
)
_BACKWARD = r"last|sist|forrige|letzten|vergangenen|pasado|dernier"
_AFTER = r"pasado|dernier|passé|próximo|proximo|prochain"  # es, fr put it after the day

# Each pattern names its kind by its group names; all are matched case-insensitively.
_PATTERNS = [
    ("dmy", re.compile(rf"\b(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th|er)?\s+(?:de\s+)?(?P<m>{_MO})\.?"
                       rf"(?:,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("mdy", re.compile(rf"\b(?P<m>{_MO})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
                       rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("weekday", re.compile(rf"(?:\b(?P<dir>{_FORWARD}|{_BACKWARD})\s+)?\b(?P<w>{_WD})"
                           rf"(?:en|ens|s|abend|morgen|nacht|mittag)?\b(?:\s+(?P<after>{_AFTER}"
                           rf"))?", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last night|i går|igår|i gaar|gestern|ayer"
                             r"|anoche)\b", re.I)),
    ("yesterday_fr", re.compile(r"\b(?:hier|hier soir)\b", re.I)),  # German "hier" is "here"
    ("today", re.compile(r"\b(?:today|tonight|i dag|idag|i kveld|heute|hoy|aujourd'hui"
                         r"|aujourd\u2019hui)\b", re.I)),
    ("last_year", re.compile(r"\b(?:last year|i fjor|ifjor|letztes jahr|letzten jahr"
                             r"|vergangenes jahr|vergangenen jahr|el año pasado|l'an dernier"
                             r"|l\u2019an dernier|l'année dernière|l\u2019année dernière"
                             r"|l'an passé)\b",
                             re.I)),
    ("this_year", re.compile(r"\b(?:this year|earlier this year|i år|dieses jahr|diesem jahr"
                             r"|este año|cette année)\b", re.I)),
    ("month_year", re.compile(rf"\b(?P<m>{_MO})\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)),
    ("year", re.compile(r"(?<![\d.,/-])(?P<y>(?:19[5-9]|20[0-4])\d)(?![\d%.,/-]\d)")),
]  # fmt: skip

# Relative expressions tell the story's own time; bare years are often background.
_RANK = {
    "weekday": 0,
    "yesterday": 0,
    "today": 0,
    "last_year": 0,
    "this_year": 0,
    "dmy": 1,
    "mdy": 1,
    "iso": 1,
}


@dataclass(frozen=True)
class When:
    date: PartialDate
    start: int  # where the expression starts in the sentence
    kind: str

    @property
    def precision(self) -> Precision:
        return self.date.precision


def dates_in(sentence: str, published: PartialDate | None, lang: str = "und") -> list[When]:
    """Every date expression in the sentence that can be resolved, left to right."""
    found: list[When] = []
    taken: list[range] = []
    for kind, pattern in _PATTERNS:
        if kind.endswith("_fr"):
            if lang != "fr":
                continue
            kind = kind.removesuffix("_fr")
        for match in pattern.finditer(sentence):
            span = range(match.start(), match.end())
            if any(_overlaps(span, other) for other in taken):
                continue
            date = _resolve(kind, match, published)
            if date is not None:
                found.append(When(date, match.start(), kind))
                taken.append(span)
    return sorted(found, key=lambda w: w.start)


def main_date(sentence: str, published: PartialDate | None, lang: str = "und") -> When | None:
    """The date a sentence is about: a relative one first, else the first."""
    found = dates_in(sentence, published, lang)
    if not found:
        return None
    return min(found, key=lambda w: (_RANK.get(w.kind, 2), w.start))


def _overlaps(a: range, b: range) -> bool:
    return a.start < b.stop and b.start < a.stop


def _resolve(kind: str, match: re.Match[str], published: PartialDate | None) -> PartialDate | None:
    day = published.start if published and published.precision is Precision.DAY else None
    if kind in ("dmy", "mdy", "iso", "month_year"):
        return _absolute(match, published)
    if kind == "year":
        return PartialDate(int(match["y"]))
    if kind in ("last_year", "this_year"):
        if published is None:
            return None
        return PartialDate(published.year - (kind == "last_year"))
    if day is None:
        return None
    if kind == "yesterday":
        return PartialDate.of(day - dt.timedelta(days=1))
    if kind == "today":
        return PartialDate.of(day)
    return PartialDate.of(_weekday(match, day))


def _weekday(match: re.Match[str], day: dt.date) -> dt.date:
    target = _WEEKDAY[match["w"].lower()]
    direction = (match["dir"] or match["after"] or "").lower()
    if re.fullmatch(_FORWARD, direction, re.I):
        return day + dt.timedelta(days=(target - day.weekday() - 1) % 7 + 1)
    back = (day.weekday() - target) % 7
    if back == 0 and direction:
        back = 7  # "last Tuesday" written on a Tuesday is a week ago
    return day - dt.timedelta(days=back)


def _absolute(match: re.Match[str], published: PartialDate | None) -> PartialDate | None:
    month_text = match["m"]
    month = int(month_text) if month_text.isdigit() else _MONTH[month_text.lower()]
    if not month_text.isdigit() and month_text[0].islower() and month_text.lower() == "may":
        return None  # "may" is a verb far more often than a month
    year_text = match.groupdict().get("y")
    if year_text:
        year = int(year_text)
    elif published is not None:
        # A month later in the year than publication is last year's.
        late = published.month is not None and month > published.month
        year = published.year - late
    else:
        return None
    day_text = match.groupdict().get("d")
    try:
        return PartialDate(year, month, int(day_text) if day_text else None)
    except ValueError:
        return None
