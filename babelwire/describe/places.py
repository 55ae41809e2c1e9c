"""Countries, regions and major cities, one key each whatever the language.

"Syrien", "Syrie" and "Syria" are one country and "Bischkek", "Bichkek" and
"Bishkek" one city, but no spelling rule turns one into the other. The
Unicode CLDR names every country and region, and the cities that name time
zones (capitals and other large cities), in each language babelwire detects,
and Babel ships those tables in its package. A name whose spelling key is
one of them gets the key of the place's English name. In languages that
decline names ("w Syrii", "Tyrkias"), a form that is not a place name itself
is read as one of its own language's place names with another ending.

The table is built from some 40,000 names, about a second, then kept in the
cache directory; it is rebuilt whenever Babel or the spelling keys change.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections import defaultdict
from contextlib import closing
from pathlib import Path

import babel
import pycountry
from anyascii import anyascii
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from lingua import Language

from babelwire import cache, config
from babelwire.represent import names
from babelwire.represent.names import name_key

# Territory codes that are not one place (unknown, the world, outlying
# islands) or name organisations rather than places (EU, UN, eurozone).
NOT_PLACES = frozenset({"ZZ", "001", "QO", "EU", "EZ", "UN"})
# Shorter names meet initials and ordinary words too often.
MIN_LETTERS = 4
# In the article's own language a three-letter name is the place: Turkish Çin (China),
# Fas (Morocco), Portuguese Irã.
MIN_OWN_LETTERS = 3
# Languages that decline names by their endings: Slavic, Baltic, Finnic and
# Hungarian cases ("w Syrii", "u Moskvi", "Budapesten").
DECLINING = frozenset(
    {"be", "bg", "bs", "cs", "et", "fi", "hr", "hu", "lt", "lv", "pl", "ru", "sk", "sl", "sr", "uk"}
)
# The table of each language's country initials is ACRONYMS + the language's code.
ACRONYMS = "acronyms:"
# The words of a state's name that say it is one: "Republic of Korea", "Reino de España".
_STATE_WORDS = """
    republic kingdom emirate sultanate principality república reino emirato principado
    république royaume principauté repubblica regno principato republik königreich
    bundesrepublik fürstentum republiek koninkrijk cumhuriyeti krallığı emirliği
"""
STATE_WORDS = frozenset(name_key(w) for w in _STATE_WORDS.split())
# Languages whose genitive is a bare -s ("Tyrkias", "Syriens").
GENITIVE_S = frozenset({"da", "de", "nb", "nl", "nn", "sv"})
# A declined form keeps all but the last two letters of the place's key and
# adds an ending that opens with a vowel: "siri" (Syrii) for "siria",
# "moskvie" (Moskwie) for "moskva", not "samos" for "samoa".
KEPT_ENDING = 2
OWN_ENDING = 3
VOWELS = frozenset("aeiouy")


@functools.lru_cache(maxsize=65536)
def place_key(name: str, lang: str = "") -> str | None:
    """The key of the place `name` names (its English name's key), if CLDR knows it."""
    table = _table()
    key = name_key(name)
    # The article's own language first: Turkish Çin is China, whatever another calls Cayenne.
    # A name in Latin letters meets the names other languages write in Latin letters: other
    # scripts' names, transliterated, meet words by chance (Mongolian Турк, "Türk").
    found = table.get(lang, {}).get(key) or table[_script(name)].get(key)
    if found is not None:
        return found
    if name.replace(".", "").isupper():
        return table.get(ACRONYMS + lang, {}).get(key.replace(" ", ""))
    if " " in key:
        return _state_name(name, lang)
    if lang in GENITIVE_S and key.endswith("s"):
        return _own_places(lang).get(key[:-1])
    if lang in DECLINING:
        return _declined(key, _own_places(lang))
    return None


def _state_name(name: str, lang: str) -> str | None:
    """A country under its state's name: "República Bolivariana de Venezuela", "Islamic
    Republic of Iran", "Fas Krallığı", "Königreich Marokko" name the country they end or
    open with. CLDR has the short names only."""
    words = name.split()
    if not any(name_key(w) in STATE_WORDS for w in words):
        return None
    for end in (words[-1], words[0]):
        if name_key(end) not in STATE_WORDS:
            found = place_key(end, lang)
            if found:
                return found
    return None


def _script(name: str) -> str:
    """ "latin" for a name written in Latin letters, "any" otherwise."""
    return "latin" if _latin(name) else "any"


def _latin(name: str) -> bool:
    return all(c < "\u0250" for c in name if c.isalpha())


@functools.lru_cache(maxsize=65536)
def region(name: str) -> bool:
    """Whether `name` is a state, province, governorate or department (ISO 3166-2, as
    pycountry ships it): Texas, Oaxaca, Çorum, Essonne. CLDR names countries and large
    cities only."""
    return name_key(name) in _regions()


@functools.cache
def _regions() -> frozenset[str]:
    keys = (name_key(s.name) for s in pycountry.subdivisions)
    return frozenset(k for k in keys if len(k.replace(" ", "")) >= MIN_LETTERS)


@functools.cache
def _own_places(lang: str) -> dict[str, str]:
    """The language's place names, and the English ones it shares (Berlin: no entry of its own)."""
    table = _table()
    return {**table["en"], **table.get(lang, {})}


def _declined(key: str, own: dict[str, str]) -> str | None:
    """The one place of the language whose key `key` is, but for the endings."""
    found = set()
    for place, canonical in own.items():
        stem = _shared_start(key, place)
        ending = key[stem:]
        if (
            stem >= max(MIN_LETTERS, len(place) - KEPT_ENDING)
            and len(ending) <= OWN_ENDING
            and (not ending or ending[0] in VOWELS)
        ):
            found.add(canonical)
    return found.pop() if len(found) == 1 else None


def _shared_start(a: str, b: str) -> int:
    """How many first letters two keys share."""
    pairs = zip(a, b, strict=False)
    return next((i for i, (x, y) in enumerate(pairs) if x != y), min(len(a), len(b)))


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    """{"any": key -> English key over all languages, "latin": over the names written in
    Latin letters, lang: the same for one language}."""
    recipe = cache.content_key(babel.__version__, _source(__file__), _source(names.__file__))
    try:
        db = cache.connect(config.cache_dir(), "places.sqlite", _CREATE)
    except (OSError, sqlite3.Error):
        return _build()
    with closing(db):
        row = db.execute("SELECT body FROM places WHERE recipe = ?", (recipe,)).fetchone()
        if row:
            return dict(json.loads(row[0]))
        table = _build()
        try:
            with db:
                db.execute(_INSERT, (recipe, json.dumps(table)))
        except sqlite3.Error:
            pass  # a read-only cache only costs the next process the build
        return table


_CREATE = "CREATE TABLE IF NOT EXISTS places (recipe TEXT PRIMARY KEY, body TEXT NOT NULL)"
_INSERT = "INSERT OR REPLACE INTO places VALUES (?, ?)"


def _source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def _build() -> dict[str, dict[str, str]]:
    """Every language's place names by spelling key; a key naming two places is left out."""
    english = Locale.parse("en")
    meanings: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    everywhere: dict[str, set[str]] = defaultdict(set)
    latin: dict[str, set[str]] = defaultdict(set)
    for lang in sorted(lang.iso_code_639_1.name.lower() for lang in Language.all()):
        for local, english_name in _names(lang, english):
            canonical = _forms(english_name)
            for part in _forms(local) if canonical else []:
                # Letters of the name, or of its key: 美国 is "meiguo", six.
                letters = max(sum(c.isalpha() for c in part), len(name_key(part)))
                meaning = name_key(canonical[0])
                if letters >= MIN_OWN_LETTERS:
                    meanings[lang][name_key(part)].add(meaning)
                if letters >= MIN_LETTERS:
                    everywhere[name_key(part)].add(meaning)
                if letters >= MIN_LETTERS and _latin(part):
                    latin[name_key(part)].add(meaning)
        for initials, english_name in _country_initials(lang, english):
            meanings[ACRONYMS + lang][initials].add(name_key(english_name))
    table = {lang: _unambiguous(keys) for lang, keys in meanings.items()}
    table["any"] = _unambiguous(everywhere)
    table["latin"] = _unambiguous(latin)
    return table


def _country_initials(lang: str, english: Locale) -> list[tuple[str, str]]:
    """(initials, English name) of the countries whose name in `lang` is two or more
    capitalised words: US, UK, UAE; Turkish ABD, BAE; Spanish RU. Names with a hyphen or
    a small word are left out ("Guinea-Bissau" is no GB, "Antigua ve Barbuda" no AB), and
    so are initials that are another place's code."""
    try:
        territories = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return []
    found = []
    for code, local in territories.items():
        words = local.split()
        if len(code) != 2 or code in NOT_PLACES or code not in english.territories:
            continue
        if len(words) > 1 and all(w[0].isupper() and w.isalpha() for w in words):
            if any(name_key(w) in _ISLANDS for w in words):
                continue  # "Marshall Islands": no MI, which is Michigan
            initials = anyascii("".join(w[0] for w in words))
            if len(name_key(initials)) > 1 and (initials == code or initials not in _codes()):
                found.append((name_key(initials), english.territories[code]))
    return found


@functools.cache
def _codes() -> frozenset[str]:
    """ISO 3166 codes of the countries: as acronyms they name those countries ("ES",
    "PT"), not another whose initials they also are."""
    return (
        frozenset(c.alpha_2 for c in pycountry.countries)
        | {c.alpha_3 for c in pycountry.countries}
        | NOT_PLACES
    )


# Island groups are named by their islands' word, and their initials are other things'.
_ISLAND_WORDS = "island islands isla islas île îles ilha ilhas adası adaları insel inseln"
_ISLANDS = frozenset(name_key(w) for w in _ISLAND_WORDS.split())


def _unambiguous(meanings: dict[str, set[str]]) -> dict[str, str]:
    return {key: next(iter(found)) for key, found in meanings.items() if len(found) == 1}


def _names(lang: str, english: Locale) -> list[tuple[str, str]]:
    """(name in `lang`, English name) of every territory and zone city CLDR has for it."""
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return []
    found = [
        (local, english.territories[code])
        for code, local in locale.territories.items()
        if code not in NOT_PLACES and code in english.territories
    ]
    zones = locale.time_zones
    found += [
        (zones[zone]["city"], _english_city(english, zone))
        for zone in get_global("zone_territories")
        if "city" in zones.get(zone, {})
    ]
    if lang == "en":  # most English city names are only the zone ids' last parts
        found += [(_english_city(english, zone),) * 2 for zone in get_global("zone_territories")]
    return found


def _forms(name: str) -> list[str]:
    """ "Myanmar (Burma)" is Myanmar and Burma, "Mikronésie (region)" only Mikronésie;
    "Congo - Kinshasa" is no one name."""
    if " - " in name:
        return []
    head, _, rest = name.partition(" (")
    return [head, rest.rstrip(")")] if rest[:1].isupper() else [head]


def _english_city(english: Locale, zone: str) -> str:
    """The zone id's last part ("Asia/Bishkek"), unless CLDR names it ("Europe/Kiev": Kyiv)."""
    named = english.time_zones.get(zone, {}).get("city")
    return str(named) if named else zone.rsplit("/", 1)[-1].replace("_", " ")


# A people's or a country's adjective is its place's name with an ending: American(s),
# Russian, Chinese, Turkish, Israeli, Amerikaanse, latinoamericana; Turkish writes the
# place with one more (Türk -> Türkiye, Rus -> Rusya). No entity: a word about a place.
_DEMONYM_ENDINGS = (
    "ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "i", "ic", "aanse", "aans", "se",
    "nas", "nos", "na", "no", "nes", "ne", "aises", "aise", "ais", "ische", "isch", "er",
)  # fmt: skip
_PLACE_ENDINGS = ("", "s", "a", "o", "y", "ey", "e", "ia", "iye", "ya", "stan", "land", "and")
MIN_DEMONYM_STEM = 3


@functools.lru_cache(maxsize=4096)
def demonym(word: str, lang: str) -> bool:
    """Whether a lone word is a place's people or adjective, not the place itself."""
    if " " in word or place_key(word, lang) or region(word):
        return False
    for ending in (*_DEMONYM_ENDINGS, ""):
        if ending and not word.lower().endswith(ending):
            continue
        stem = word[: len(word) - len(ending)]
        if len(stem) < MIN_DEMONYM_STEM:
            continue
        if any(place_key(stem + more, lang) for more in _PLACE_ENDINGS if ending or more):
            return True
    return False
