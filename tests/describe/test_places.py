"""Places: one key per country or major city across languages, from CLDR's tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from babelwire.describe import places
from babelwire.describe.entities import build_entities
from babelwire.describe.places import demonym, place_key
from babelwire.model import Article


def test_a_country_has_one_key_in_every_language():
    spellings = [("Syria", "en"), ("Syrien", "de"), ("Syrie", "fr"), ("Siria", "es")]
    assert {place_key(name, lang) for name, lang in spellings} == {place_key("Syria")}
    assert place_key("Tyrkia", "nb") == place_key("Türkei", "de") == place_key("Turkey", "en")
    assert place_key("Syria") != place_key("Serbia")


def test_a_city_that_names_a_time_zone_has_one_key():
    assert place_key("Bichkek", "fr") == place_key("Bischkek", "de") == place_key("Bishkek")
    assert place_key("Moskva", "nb") == place_key("Moscou", "fr") == place_key("Moscow")


def test_a_latin_spelling_meets_only_names_written_in_latin_letters():
    # Other scripts' names, transliterated, are Turkish "Türk" (Turkish) or Spanish "Así".
    assert place_key("Türk", "tr") is None and place_key("Así", "es") is None
    assert place_key("Türkiye", "tr") == place_key("Turquía", "es") == place_key("Turkey")
    assert place_key("Сирия", "ru") == place_key("سوريا", "ar") == place_key("Syria")


def test_a_state_s_name_is_its_country():
    assert place_key("República Bolivariana de Venezuela", "es") == place_key("Venezuela")
    assert place_key("Islamic Republic of Iran", "en") == place_key("Iran")
    assert place_key("Fas Krallığı", "tr") == place_key("Morocco")
    assert place_key("Republic of Texas", "en") is None


def test_a_country_s_initials_name_it_in_its_own_language():
    assert place_key("US", "en") == place_key("U.S.", "en") == place_key("United States")
    assert place_key("ABD", "tr") == place_key("United States")
    assert place_key("UAE", "en") == place_key("BAE", "tr") == place_key("United Arab Emirates")
    # Another country's code, an island group's or a word in lower case: no country.
    assert place_key("ES", "en") is None and place_key("MI", "en") is None
    assert place_key("us", "en") is None and place_key("ABD", "en") is None


def test_declined_forms_are_read_in_languages_that_decline_names():
    assert place_key("Syrii", "pl") == place_key("Syria")
    assert place_key("Turcji", "pl") == place_key("Turkey")
    assert place_key("Berlinie", "pl") == place_key("Berlin")
    assert place_key("Tyrkias", "nb") == place_key("Turkey")
    # English does not decline: an adjective is not its country.
    assert place_key("Syrian", "en") is None
    # An ending opens with a vowel: the Greek island is not Samoa.
    assert place_key("Samos", "pl") is None
    assert place_key("Samos", "nn") is None


def test_people_and_unknown_places_have_no_place_key():
    for name in ("Sadyr Japarov", "Erdogan", "Osh", "Marka"):
        assert place_key(name, "pl") is None


def test_the_table_is_kept_in_the_cache_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BABELWIRE_CACHE_DIR", str(tmp_path))
    places._table.cache_clear()
    places._own_places.cache_clear()
    try:
        built = places._table()
        with sqlite3.connect(tmp_path / "places.sqlite") as db:
            assert db.execute("SELECT count(*) FROM places").fetchone() == (1,)
        places._table.cache_clear()
        assert places._table() == built
    finally:
        places._table.cache_clear()
        places._own_places.cache_clear()


def test_an_entity_per_country_whatever_the_language():
    articles = [
        Article("a", "", "Rescuers reached towns in Syria and Turkey on Tuesday.", "a", lang="en"),
        Article("b", "", "Die Helfer erreichten am Dienstag Orte in Syrien.", "b", lang="de"),
        Article("n", "", "Redningsfolk nådde tirsdag byer i Tyrkia.", "n", lang="nb"),
        Article("c", "", "Ratownicy dotarli do miast w Syrii i Turcji.", "c", lang="pl"),
    ]
    found = {e["name"]: e for e in build_entities(articles)}
    assert found["Syria"]["aliases"] == ["Syrien", "Syrii"]
    assert found["Syria"]["kind"] == "place"
    assert found["Syria"]["article_ids"] == ["a", "b", "c"]
    assert found["Turkey"]["aliases"] == ["Turcji", "Tyrkia"]


def test_a_german_country_after_its_article_is_a_name():
    text = "Die Helfer erreichten Orte in der Türkei. In der Schweiz sammelte man Geld."
    found = {e["name"]: e for e in build_entities([Article("d", "", text, "d", lang="de")])}
    assert found["Türkei"]["kind"] == found["Schweiz"]["kind"] == "place"


def test_the_articles_own_language_names_a_place_first_even_in_three_letters():
    assert place_key("Çin", "tr") == place_key("China", "en") == place_key("Chine", "fr")
    assert place_key("Fas", "tr") == place_key("Morocco") == place_key("Maroc", "fr")


def test_a_places_people_or_adjective_is_a_demonym_not_the_place():
    for word, lang in [
        ("Americans", "en"),
        ("Russian", "en"),
        ("Chinese", "en"),
        ("Amerikaanse", "nl"),
        ("Türk", "tr"),
        ("Latinoamericana", "es"),
    ]:
        assert demonym(word, lang), word
    for word, lang in [("Iran", "en"), ("Francis", "en"), ("Maduro", "es"), ("Paris", "fr")]:
        assert not demonym(word, lang), word
