"""Quantities as ranges, in several languages."""

from __future__ import annotations

import pytest

from babelwire.describe.numbers import quantities


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("590 injuries", "en", (590, 590)),
        ("hundreds were injured", "en", (200, 999)),
        ("one person died", "en", (1, 1)),
        ("twenty-five people", "en", (25, 25)),
        ("at least 12 dead", "en", (12, None)),
        ("about 1,500 people", "en", (1350, 1650)),
        ("tusenvis av demonstranter", "nb", (2000, 9999)),
        ("flere tusen demonstranter", "nb", (2000, 9999)),
        ("2,5 millioner kroner", "nb", (2_500_000, 2_500_000)),
        ("mindestens 20 Tote", "de", (20, None)),
        ("Dutzende Verletzte", "de", (24, 99)),
        ("unas 2.000 personas", "es", (1800, 2200)),
        ("des centaines de blessés", "fr", (200, 999)),
    ],
)
def test_quantities_are_ranges(text, lang, expected):
    found = quantities(text, lang)
    assert (found[0].low, found[0].high) == expected


def test_number_words_follow_the_language():
    # Norwegian "en" is one; French "en" is a preposition.
    assert quantities("en person døde", "nb")[0].low == 1
    assert quantities("en France", "fr") == []


def test_no_one_is_not_one():
    assert quantities("no one was killed", "en") == []
