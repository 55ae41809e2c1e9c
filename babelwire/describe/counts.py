"""Counts of things without a cue: "59 uygulama", "51 pompiers", "3 صواريخ", "2200座".

A number is a figure when it counts something, and what it counts is the word
written after it (its lemma, so "59 uygulamayı" and "59 uygulama" are one
line). A unit of measure or of time is named the same in every language
("300 metros", "300 meter", "ثلاثة أيام", "trois jours"): CLDR's unit names, by
Babel, in each language's every plural form.

What is not a count: dates (a month after or before: "24 avril",
"29 مايو"), years ("in 2020"), clock times ("12:16", "01.30"), ordinals
("2nd", "62e"), numbers inside a name ("COVID-19"), and a lone "one" or "a"
("bir binanın": a building), which every language also uses as an article.
"""

from __future__ import annotations

import functools
import re

from babel import Locale, UnknownLocaleError, localedata

from babelwire.describe.numbers import Quantity
from babelwire.lemmas import lemmatize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"\s*([^\W\d_][\w'\u2019]*)")
_UNIT = re.compile(r"\s*(°C|°F|km/h|km/sa(?:at)?|kg/m2|m/s|mph)", re.I)
_HAN = re.compile(r"\s*([\u4e00-\u9fff\u3040-\u30ff])")
_ARABIC_MARKS = re.compile(r"[\u0640\u064b-\u065f]")
_ORDINAL = re.compile(r"^(?:st|nd|rd|th|er|re|e|ème|eme|º|ª|°(?![CF]))\b", re.I)
_TIME_AFTER = re.compile(r"^\s*(?:[:h]\d{2}|[ap]\.?m\b|uhr\b|hs?\b)", re.I)
_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}$")
# Words after a number that are grammar, not the thing counted.
_GRAMMAR = _words(
    """
    a an the of in on at to and or for from by with as is was are were be been has have had it
    de del la las los el en y o que se su sus con por para al a un una es fue son ha han
    cuando donde como más ya hasta desde sobre entre
    de des du le la les et ou en à au aux par pour sur dans qui que est sont ont a été
    da do dos das em e ou no na nos nas por para com que é foi
    di del della e o in a per con che è
    van de het en in op met voor dat is
    der die das und oder in im am an auf mit für von zu ist sind
    ve ile bu da de ki için olarak gibi ise her
    av på i og til med for som er var har fra om ved
    och att är
    في من على إلى الى عن مع و أو ثم أن
    """
)
# Languages whose nouns are plural after a number above one, a plural being
# longer than its lemma (ministers, partier, Raketen, personas, pompiers); a word
# that is not ("former", "kom") is an adjective or a verb, not what is counted.
PLURAL_AFTER_NUMERALS = _words("en nb nn da sv de nl fr es pt it ca")
# Where an adjective's plural is its lemma and -e (nye, store), and a noun's is not.
_PLURAL_E_ADJECTIVES = _words("nb nn sv")
# Slavic adjectives stand before the noun and end so in their lemma (nowy, nový, новый).
_ADJECTIVE_LEMMA = {"pl": ("y", "i"), "cs": ("ý",), "ru": ("ый", "ский", "цкий"), "uk": ("ий",)}
_PLURAL_S = _words("en fr es pt ca nl")
_UNMARKED_PLURALS = _words("people police personnel staff crew folk leute")
PLURAL_SEARCH = 3  # words read for the plural noun: "two former prime ministers"
_ARTICLE_ONE = frozenset({"a", "an", "one", "un", "une", "uno", "una", "um", "uma", "een", "ein"})
_ARTICLE_ONE |= {"eine", "einer", "einem", "einen", "eines", "en", "ei", "ett", "et", "bir"}
_ARTICLE_ONE |= {"واحد", "واحدة", "一"}  # Chinese "一艘", "一个": a ship, a ...
# Chinese dates: 3月26日 (not 3个月, three months; 3天, three days).
_HAN_DATE_AFTER = re.compile(r"^\s*[月日号]")


def counted_noun(after: str, lang: str, many: bool = False) -> tuple[str, int] | None:
    """What a number counts when no cue says it: the next word's lemma, and where it
    ends. Where nouns take the plural after a number above one (`many`), the counted
    word is the first plural among the next few ("two former prime ministers": minister;
    "bare fem kom inn", only five got in: nothing)."""
    if lang in ("zh", "ja"):
        han = _HAN.match(after)
        return (units(lang).get(han.group(1), han.group(1)), han.end()) if han else None
    unit = _UNIT.match(after)
    if unit:
        return unit.group(1).lower(), unit.end()
    needs_plural = many and lang in PLURAL_AFTER_NUMERALS
    end = 0
    for _ in range(PLURAL_SEARCH if needs_plural or lang in _ADJECTIVE_LEMMA else 1):
        word = _WORD.match(after, end)
        if word is None:
            return None
        end = word.end()
        token = _ARABIC_MARKS.sub("", word.group(1)).replace("İ", "I").lower()
        if token in _GRAMMAR or len(token) < 2 or token in months(lang):
            return None
        base = lemma(token, lang)
        named = units(lang).get(token) or units(lang).get(base)
        if named or _counted(word.group(1), base, lang, needs_plural):
            return named or base, end
    return None


def _counted(word: str, base: str, lang: str, needs_plural: bool) -> bool:
    """Whether the word after a number is the noun it counts, not an adjective or verb."""
    if lang in _ADJECTIVE_LEMMA:  # "dwa dodatkowe samoloty": dodatkowy is an adjective
        return not base.endswith(_ADJECTIVE_LEMMA[lang])
    return not needs_plural or _plural(word, base, lang)


def _plural(word: str, base: str, lang: str) -> bool:
    """A plural noun: longer than its lemma, or written with the language's plural -s
    (a word the lemmatizer does not know: "autopompes"), or plural without a mark.
    German writes its nouns with a capital, and inflects adjectives too."""
    if lang == "de":
        return word[:1].isupper()
    token = word.lower()
    if lang in _PLURAL_E_ADJECTIVES and token == base + "e":
        return False  # "to kraftige skjelvene": the adjective's plural -e
    if len(base) < len(token) or token in _UNMARKED_PLURALS:
        return True
    return lang in _PLURAL_S and token.endswith("s") and len(token) > 3


def lemma(token: str, lang: str) -> str:
    if token.startswith("ال") and len(token) > 4:
        token = token[2:]
    try:
        return lemmatize(token, lang)
    except ValueError:  # a language simplemma does not know
        return token


_UNIT_KINDS = ("length", "duration", "area", "mass", "volume", "speed", "temperature")


@functools.cache
def units(lang: str) -> dict[str, str]:
    """A unit's words in the language -> its English name: "metros" and "meter" ->
    "meter", "أيام" and "jours" -> "day". A word two units share (Spanish "a": year
    and are) names neither."""
    try:
        patterns = Locale.parse(lang)._data["unit_patterns"]
    except (UnknownLocaleError, ValueError):
        return {}
    claimed: dict[str, set[str]] = {}
    for unit, widths in patterns.items():
        if unit.split("-")[0] not in _UNIT_KINDS or unit.endswith("-person"):
            continue
        for width in ("long", "short"):
            for form, pattern in widths.get(width, {}).items():
                word = _unit_word(pattern)
                if form != "per" and word:
                    claimed.setdefault(word, set()).add(unit.split("-", 1)[1])
    return {word: next(iter(names)) for word, names in claimed.items() if len(names) == 1}


def is_unit(what: str) -> bool:
    """A unit of measure or time ("meter", "day", "km/h"), not a count of things."""
    return what in units("en").values() or bool(_UNIT.fullmatch(what))


def _unit_word(pattern: str) -> str | None:
    """ "{0} metros" -> "metros"; "يومان" (two days, the number in the word) is no use."""
    if "{0}" not in pattern:
        return None
    word = _ARABIC_MARKS.sub("", pattern.replace("{0}", "")).strip(" \u00a0\u202f").lower()
    return word if word and " " not in word and not any(c.isdigit() for c in word) else None


@functools.cache
def months(lang: str) -> frozenset[str]:
    """Month names, wide and short, in the language (every region's: Syria's "شباط"
    and Egypt's "فبراير") and in English, from CLDR by Babel."""
    found: set[str] = set()
    codes = {"en", lang, *(c for c in localedata.locale_identifiers() if c.startswith(lang + "_"))}
    for code in codes:
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                found.update(
                    str(m).lower().rstrip(".") for m in locale.months[context][width].values()
                )
    return frozenset(found)


def not_a_count(sentence: str, quantity: Quantity, lang: str, cued: bool) -> bool:
    """A date, a year, a clock time, an ordinal or part of a name, not a count."""
    written = sentence[quantity.start : quantity.end]
    after = sentence[quantity.end : quantity.end + 12]
    before = sentence[max(0, quantity.start - 12) : quantity.start]
    if _ORDINAL.match(after) or _TIME_AFTER.match(after) or _CLOCK.search(written):
        return True
    if lang in ("zh", "ja") and _HAN_DATE_AFTER.match(after):
        return True
    if re.search(r"[^\W\d_]-$", before) or _next_word(after) in months(lang):
        return True
    if _previous_word(before) in months(lang):
        return True
    year = re.fullmatch(r"\d{4}", written.strip()) and 1900 <= quantity.low <= 2100
    return bool(year) and not cued


def one_as_article(sentence: str, quantity: Quantity) -> bool:
    """ "a building", "bir binanın", "un hombre": one written as a word is mostly an article."""
    return sentence[quantity.start : quantity.end].strip().lower() in _ARTICLE_ONE


def _next_word(after: str) -> str:
    word = _WORD.match(after.lstrip(". "))  # "am 2. Juni"
    return word.group(1).lower().rstrip(".") if word else ""


def _previous_word(before: str) -> str:
    words = re.findall(r"[^\W\d_]+", before)
    return words[-1].lower() if words else ""
