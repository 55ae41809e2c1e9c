"""Publication dates inferred from an article's own text, when no input gave one.

Look-alike events of one kind (two earthquakes, two arrests) are often years
apart, so even a rough date separates them. The date is taken only from the
places that carry the publication date, not from any date the story mentions:

1. a URL (the article's own, or one on its first lines): `/2004/07/29/`,
   `/2005/jun/26/`, `ymd=20081216`, `/2013/08/` (month precision);
2. a dateline among the first lines: "December 15th, 2008", "Fri Aug 2, 2013",
   "26 September 2013", "15. Dezember 2008", "15 de diciembre de 2008",
   "12 / 16 / 08", "2013-08-02", "16.12.2008", or a month and year alone.

Month names are known in the languages babelwire reads most (en, de, fr, es,
it, pt, nl, nb/da/sv, pl); numeric dates are read month first in English and
day first elsewhere, unless one reading is impossible.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from babelwire.model import PartialDate

# Only the head of an article carries its dateline; dates further down are
# about the story (a planned election, a past trial), not its publication.
HEAD_LINES = 6
HEAD_CHARS = 600

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: (
        "january",
        "jan",
        "januar",
        "janvier",
        "enero",
        "gennaio",
        "janeiro",
        "januari",
        "stycznia",
        "styczen",
        "jaenner",
        "janv",
    ),
    2: (
        "february",
        "feb",
        "februar",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "lutego",
        "luty",
        "fevr",
        "febr",
    ),
    3: ("march", "mar", "maerz", "marz", "mars", "marzo", "marco", "maart", "marca", "marzec"),
    4: ("april", "apr", "avril", "abril", "aprile", "kwietnia", "kwiecien", "avr"),
    5: ("may", "mai", "mayo", "maggio", "maio", "mei", "maj", "maja"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec"),
    7: ("july", "jul", "juli", "juillet", "julio", "luglio", "julho", "lipca", "lipiec", "juil"),
    8: ("august", "aug", "aout", "agosto", "augustus", "augusti", "sierpnia", "sierpien"),
    9: (
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "settembre",
        "setembro",
        "wrzesnia",
        "wrzesien",
        "setiembre",
    ),
    10: (
        "october",
        "oct",
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "pazdziernika",
        "pazdziernik",
        "okt",
    ),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad"),
    12: (
        "december",
        "dec",
        "dezember",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "desember",
        "grudnia",
        "grudzien",
        "dic",
        "des",
        "dez",
    ),
}
_MONTH = {name: number for number, names in _MONTH_NAMES.items() for name in names}
_MONTH_RE = "|".join(sorted(_MONTH, key=len, reverse=True))

WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("monday", "mandag", "måndag", "montag", "lunes", "lundi"),
    1: ("tuesday", "tirsdag", "tysdag", "tisdag", "dienstag", "martes", "mardi"),
    2: ("wednesday", "onsdag", "mittwoch", "miércoles", "miercoles", "mercredi"),
    3: ("thursday", "torsdag", "donnerstag", "jueves", "jeudi"),
    4: ("friday", "fredag", "freitag", "viernes", "vendredi"),
    5: ("saturday", "lørdag", "laurdag", "lördag", "samstag", "sonnabend", "sábado", "sabado",
        "samedi"),
    6: ("sunday", "søndag", "sundag", "söndag", "sonntag", "domingo", "dimanche"),
}  # fmt: skip

# Capitalised in many languages but never the name of anyone or anywhere; a
# three-letter abbreviation ("Jan", "May") may be a name, so those stay.
CALENDAR_WORDS = frozenset(
    [name for names in WEEKDAYS.values() for name in names]
    + [name for name in _MONTH if len(name) > 3]
)

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º|o)?"
_MON = rf"(?P<month>{_MONTH_RE})\.?"

# Textual datelines, tried in this order on the ASCII-folded, lower-cased head.
_TEXT_PATTERNS = [
    # December 15th, 2008 · Fri Aug 2, 2013 · Dec. 19 2008
    re.compile(rf"\b{_MON}\s+{_DAY}\s*,?\s+{_YEAR}\b"),
    # 26 September 2013 · 15. Dezember 2008 · 15 de diciembre de 2008 · le 3 mai 2021
    re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_MON}\s*,?\s+(?:de\s+|del\s+)?{_YEAR}\b"),
    # 2021 May 3 (some agencies)
    re.compile(rf"\b{_YEAR}\s*,?\s+{_MON}\s+{_DAY}\b"),
]
_MONTH_YEAR = re.compile(rf"\b{_MON}\s*,?\s+(?:de\s+)?{_YEAR}\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)\s*-\s*(?P<month>[01]?\d)\s*-\s*(?P<day>[0-3]?\d)\b")
# 12 / 16 / 08 · 7/28/2004 · 16.12.2008 (the spaces are tokeniser debris some texts carry)
_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<a>[0-3]?\d)\s*(?P<sep>[/.])\s*(?P<b>[0-3]?\d)\s*(?P=sep)\s*"
    r"(?P<year>(?:19|20)?\d\d)(?![\d/])"
)

_URL_PATTERNS = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/|\b)"),
    re.compile(rf"/(?P<year>(?:19|20)\d\d)/(?P<month>{_MONTH_RE})/(?P<day>[0-3]?\d)(?:/|\b)"),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)"),
]
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/")
_URL = re.compile(r"(?:https?://|www\.)\S+")
# A line that is nothing but a URL, perhaps with tokeniser spaces ("http: / / www. x. com").
_URL_LINE = re.compile(r"^\s*(?:https?\s*:\s*/\s*/|www\s*\.)", re.MULTILINE)


def infer_date(text: str, url: str | None = None, lang: str = "en") -> PartialDate | None:
    """The publication date the text or its URL states, or None when it states none."""
    head = _head(text)
    lines = head.splitlines()
    url_lines = [line for line in lines if _URL_LINE.match(line)]
    for candidate in [url or "", *url_lines, *_URL.findall(head)]:
        found = _url_date(candidate.replace(" ", ""))
        if found:
            return found
    rest = "\n".join(line for line in lines if line not in url_lines)
    return _dateline(_URL.sub(" ", rest), lang)


def _head(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()][:HEAD_LINES]
    return "\n".join(lines)[:HEAD_CHARS]


def _url_date(url: str) -> PartialDate | None:
    folded = url.lower()
    for pattern in _URL_PATTERNS:
        for match in pattern.finditer(folded):
            found = _make(match["year"], match["month"], match["day"])
            if found:
                return found
    month = _URL_MONTH.search(folded)
    return _make(month["year"], month["month"], None) if month else None


def _dateline(head: str, lang: str) -> PartialDate | None:
    folded = anyascii(head).lower()
    found = [d for d in _text_dates(folded, lang) if d is not None]
    if found:
        return min(found, key=lambda pair: pair[0])[1]
    match = _MONTH_YEAR.search(folded)
    return _make(match["year"], match["month"], None) if match else None


def _text_dates(folded: str, lang: str) -> list[tuple[int, PartialDate] | None]:
    """Every full date in the head, with where it starts; the first one wins."""
    found: list[tuple[int, PartialDate] | None] = []
    for pattern in [*_TEXT_PATTERNS, _ISO]:
        for match in pattern.finditer(folded):
            date = _make(match["year"], match["month"], match["day"])
            found.append((match.start(), date) if date else None)
    for match in _NUMERIC.finditer(folded):
        date = _numeric(match, lang)
        found.append((match.start(), date) if date else None)
    return found


def _numeric(match: re.Match[str], lang: str) -> PartialDate | None:
    a, b, year = match["a"], match["b"], match["year"]
    if len(year) == 2:
        year = f"20{year}" if int(year) < 50 else f"19{year}"
    # Slashes month-first is the American habit; dots are day-first everywhere.
    readings = [(a, b), (b, a)] if match["sep"] == "/" and lang == "en" else [(b, a), (a, b)]
    for month, day in readings:
        found = _make(year, month, day)
        if found:
            return found
    return None


def _make(year: str, month: str, day: str | None) -> PartialDate | None:
    number = _MONTH.get(month) if not month.isdigit() else int(month)
    if number is None:
        return None
    try:
        return PartialDate(int(year), number, int(day) if day else None)
    except ValueError:
        return None


def days_between(a: PartialDate, b: PartialDate) -> int:
    """Days between two partial dates' closest possible days (0 when they overlap)."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0
