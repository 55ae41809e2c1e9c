"""Quantities written in text, as ranges: "590", "hundreds", "one", "tusenvis", "a dozen".

A quantity is a (low, high) range: exact numbers are n-n, vague ones span
what the word allows ("hundreds" 200-999, "thousands" 2000-9999, "dozens"
24-99), and a qualifier widens it ("at least 5" is 5-open, "about 100" is
90-110). `high` is None when the text sets no upper bound. Number words are
read per language so that Norwegian "en" or Spanish "un" is one, while the
French "en" stays a preposition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ONE_TO_TWENTY = {
    "en": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty",
    "nb": "en to tre fire fem seks sju åtte ni ti elleve tolv tretten fjorten femten seksten "
    "sytten atten nitten tjue",
    "da": "en to tre fire fem seks syv otte ni ti elleve tolv tretten fjorten femten seksten "
    "sytten atten nitten tyve",
    "sv": "en två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton "
    "sjutton arton nitton tjugo",
    "de": "ein zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
    "fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig",
    "es": "uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte",
    "fr": "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize dix-sept dix-huit dix-neuf vingt",
}
# Other spellings of the small numbers, and the round tens and hundreds.
_EXTRA = {
    "en": {"a dozen": 12, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
           "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
           "a thousand": 1000, "one thousand": 1000},
    "nb": {"ett": 1, "ei": 1, "syv": 7, "tretti": 30, "førti": 40, "femti": 50, "seksti": 60,
           "hundre": 100, "hundre og": 100, "et dusin": 12, "tusen": 1000, "ett tusen": 1000},
    "da": {"et": 1, "tredive": 30, "fyrre": 40, "halvtreds": 50, "hundrede": 100},
    "sv": {"ett": 1, "trettio": 30, "fyrtio": 40, "femtio": 50, "hundra": 100},
    "de": {"eine": 1, "einer": 1, "einen": 1, "eins": 1, "dreißig": 30, "vierzig": 40,
           "fünfzig": 50, "hundert": 100, "tausend": 1000, "ein dutzend": 12},
    "es": {"un": 1, "una": 1, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "cien": 100,
           "ciento": 100, "mil": 1000, "una docena": 12},
    "fr": {"une": 1, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100, "mille": 1000,
           "une douzaine": 12},
}  # fmt: skip
_VAGUE = {
    "en": {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999),
           "thousands": (2000, 9999), "tens of thousands": (20_000, 99_999),
           "hundreds of thousands": (200_000, 999_999), "millions": (2_000_000, 9_999_999),
           "several hundred": (200, 999), "several thousand": (2000, 9999),
           "a few": (2, 5), "several": (3, 9)},
    "nb": {"dusinvis": (24, 99), "hundrevis": (200, 999), "flere hundre": (200, 999),
           "tusenvis": (2000, 9999), "flere tusen": (2000, 9999), "titusenvis": (20_000, 99_999),
           "hundretusenvis": (200_000, 999_999), "millioner": (2_000_000, 9_999_999),
           "flere": (3, 9), "noen få": (2, 5)},
    "de": {"dutzende": (24, 99), "hunderte": (200, 999), "mehrere hundert": (200, 999),
           "tausende": (2000, 9999), "mehrere tausend": (2000, 9999),
           "zehntausende": (20_000, 99_999), "hunderttausende": (200_000, 999_999),
           "mehrere": (3, 9)},
    "es": {"decenas": (20, 99), "cientos": (200, 999), "centenares": (200, 999),
           "miles": (2000, 9999), "decenas de miles": (20_000, 99_999),
           "cientos de miles": (200_000, 999_999), "varios": (3, 9), "varias": (3, 9)},
    "fr": {"dizaines": (20, 99), "des dizaines": (20, 99), "centaines": (200, 999),
           "des centaines": (200, 999), "milliers": (2000, 9999), "des milliers": (2000, 9999),
           "dizaines de milliers": (20_000, 99_999), "plusieurs": (3, 9)},
}  # fmt: skip
_VAGUE["da"] = _VAGUE["nb"]
_VAGUE["sv"] = _VAGUE["nb"]
_TENS_EN = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNITS_EN = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

_MULTIPLIERS = {
    "thousand": 1e3, "tusen": 1e3, "tausend": 1e3, "mil": 1e3, "mille": 1e3,
    "million": 1e6, "millions": 1e6, "mill": 1e6, "mln": 1e6, "millioner": 1e6,
    "millionen": 1e6, "millones": 1e6, "millón": 1e6, "mio": 1e6,
    "billion": 1e9, "billions": 1e9, "milliard": 1e9, "milliarder": 1e9, "milliarden": 1e9,
    "milliards": 1e9, "mrd": 1e9, "bn": 1e9,
}  # fmt: skip

# (pattern over the few words before a quantity, how it changes the range)
_QUALIFIERS = [
    (r"(?:at least|no fewer than|minst|minimum|mindestens|wenigstens|al menos|por lo menos"
     r"|au moins)\s*$", "at_least"),
    (r"(?:more than|over|upwards of|mer enn|over|flere enn|mehr als|über|más de|plus de)\s*$",
     "more_than"),
    (r"(?:nearly|almost|close to|nesten|nær|knapt|fast|beinahe|knapp|casi|cerca de|près de"
     r"|presque|pr[eè]s de)\s*$", "nearly"),
    (r"(?:about|around|some|approximately|roughly|an estimated|rundt|omkring|cirka|ca\.|om lag"
     r"|rund|etwa|ungefähr|unos|unas|alrededor de|aproximadamente|environ|quelque|quelques)"
     r"\s*$", "about"),
    (r"(?:up to|as many as|opptil|inntil|bis zu|hasta|jusqu'à|jusqu\u2019à)\s*$", "up_to"),
]  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float | None
    start: int  # span in the text, qualifier included
    end: int


@lru_cache(maxsize=32)
def _word_values(lang: str) -> dict[str, tuple[float, float]]:
    table = "en" if lang not in _ONE_TO_TWENTY else lang
    values: dict[str, tuple[float, float]] = {}
    for number, word in enumerate(_ONE_TO_TWENTY[table].split(), start=1):
        values[word] = (number, number)
    for word, number in _EXTRA.get(table, {}).items():
        values[word] = (number, number)
    if table == "en":
        for i, tens in enumerate(_TENS_EN):
            for j, unit in enumerate(_UNITS_EN):
                values[f"{tens}-{unit}"] = values[f"{tens} {unit}"] = (
                    (i + 2) * 10 + j + 1,
                    (i + 2) * 10 + j + 1,
                )
    values.update(_VAGUE.get(table, {}))
    return values


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
_MULT = _alternation(list(_MULTIPLIERS))
_PATTERN_CACHE: dict[str, re.Pattern[str]] = {}


def _pattern(lang: str) -> re.Pattern[str]:
    if lang not in _PATTERN_CACHE:
        words = _alternation(list(_word_values(lang)))
        _PATTERN_CACHE[lang] = re.compile(
            rf"(?<![\w.,])(?:(?P<num>{_DIGITS})|(?P<word>{words}))"
            rf"(?:\s*(?P<mult>{_MULT})\.?)?(?!\w)",
            re.IGNORECASE,
        )
    return _PATTERN_CACHE[lang]


def quantities(text: str, lang: str = "en") -> list[Quantity]:
    """Every quantity in the text, left to right."""
    values = _word_values(lang)
    found = []
    for match in _pattern(lang).finditer(text):
        if _negated(text[: match.start()]):
            continue
        low, high = _base(match, values)
        start, qualified_low, qualified_high = _qualified(text, match.start(), low, high)
        found.append(Quantity(qualified_low, qualified_high, start, match.end()))
    return found


def _base(match: re.Match[str], values: dict[str, tuple[float, float]]) -> tuple[float, float]:
    if match["num"]:
        low = high = _parse_digits(match["num"], bool(match["mult"]))
    else:
        low, high = values[match["word"].lower()]
    if match["mult"]:
        factor = _MULTIPLIERS[match["mult"].lower().rstrip(".")]
        low, high = low * factor, high * factor
    return low, high


def _parse_digits(text: str, multiplied: bool) -> float:
    compact = re.sub(r"[\u00a0\u202f ]", "", text)
    # "1,200" and "1.200" group thousands; "2,5 millioner" and "3.5 million" are decimals.
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", compact) and not multiplied:
        return float(re.sub(r"[,.]", "", compact))
    return float(compact.replace(",", "."))


def _negated(before: str) -> bool:
    return bool(re.search(r"\b(?:no|not a single|ingen|kein|keine|ningún|aucun)\s*$", before, re.I))


def _qualified(text: str, start: int, low: float, high: float) -> tuple[int, float, float | None]:
    before = text[max(0, start - 30) : start]
    for pattern, kind in _QUALIFIERS:
        found = re.search(pattern, before, re.IGNORECASE)
        if found and (found.start() == 0 or not before[found.start() - 1].isalnum()):
            return start - (len(before) - found.start()), *_widen(kind, low, high)
    return start, low, high


def _widen(kind: str, low: float, high: float) -> tuple[float, float | None]:
    if kind == "at_least":
        return low, None
    if kind == "more_than":
        return low + (1 if low == high else 0), None
    if kind == "nearly":
        return round(low * 0.9), high
    if kind == "about":
        return round(low * 0.9), round(high * 1.1)
    return 0, high  # up to
