"""A subscription's filter: what it accepts, what it refuses, and what it matches."""

from __future__ import annotations

import pytest

from babelwire.alerts.changes import SearchKeys
from babelwire.alerts.filters import Filter
from babelwire.errors import InputError
from babelwire.represent.features import fold

EVENT = {
    "id": "ev-1",
    "headline": "Earthquake in Bishkek",
    "languages": ["en", "ru", "ky"],
    "article_ids": ["a1", "a2", "a3", "a4"],
    "sources": ["Akipress", "BBC"],
}
KEYS = SearchKeys(
    headline=fold("Earthquake in Bishkek"),
    names=[fold("Bishkek"), fold("Atambayev")],
    titles=[fold("Землетрясение в Бишкеке")],
)


def _matches(filter_: Filter, kind: str = "event.grew") -> bool:
    return filter_.matches(kind, EVENT, lambda: KEYS)


def test_an_empty_filter_wants_every_change():
    assert _matches(Filter.parse({}))
    assert _matches(Filter.parse({}), "event.split")


def test_minimums_count_articles_outlets_and_languages():
    assert _matches(Filter.parse({"min_languages": 3, "min_articles": 4, "min_sources": 2}))
    assert not _matches(Filter.parse({"min_languages": 4}))
    assert not _matches(Filter.parse({"min_articles": 5}))
    assert not _matches(Filter.parse({"min_sources": 3}))


def test_languages_want_any_of_them_and_kinds_narrow():
    assert _matches(Filter.parse({"languages": ["nb", "KY"]}))
    assert not _matches(Filter.parse({"languages": ["nb"]}))
    wanted = Filter.parse({"kinds": ["event.opened", "event.merged"]})
    assert _matches(wanted, "event.merged")
    assert not _matches(wanted, "event.grew")


def test_q_finds_names_in_any_script_and_needs_every_word():
    assert _matches(Filter.parse({"q": "Бишкек"}))
    assert _matches(Filter.parse({"q": "bishkek atambayev"}))
    assert not _matches(Filter.parse({"q": "bishkek flood"}))


def test_search_keys_are_read_only_when_q_is_set():
    def unwanted() -> SearchKeys:
        raise AssertionError("keys read without q")

    assert Filter.parse({"min_languages": 2}).matches("event.grew", EVENT, unwanted)


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"color": "red"}, "unknown filter 'color'"),
        ({"kinds": ["event.exploded"]}, "unknown kind of change 'event.exploded'"),
        ({"kinds": "event.opened,event.grew"}, "unknown kind"),
        ({"min_languages": -1}, "`min_languages` must be a whole number"),
        ({"min_articles": "3"}, "`min_articles` must be a whole number"),
        ({"min_sources": True}, "`min_sources` must be a whole number"),
        ({"languages": [1, 2]}, "`languages` must be a list of non-empty strings"),
        ({"q": ["a"]}, "`q` must be a string"),
    ],
)
def test_bad_filters_are_refused_saying_which(given, named):
    with pytest.raises(InputError, match=named):
        Filter.parse(given)


def test_a_filter_survives_its_round_trip_through_json():
    made = Filter.parse({"q": "Bishkek", "languages": ["en"], "min_languages": 3})
    assert Filter.parse(made.as_dict()) == made
