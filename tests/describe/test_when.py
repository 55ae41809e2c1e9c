"""Relative date expressions resolved against the publication date."""

from __future__ import annotations

import pytest

from babelwire.describe.when import main_date
from babelwire.model import PartialDate

TUESDAY = PartialDate(2020, 10, 6)


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("The commission annulled the election Tuesday.", "en", "2020-10-06"),
        ("The invalidation of Sunday's election followed protests.", "en", "2020-10-04"),
        ("Resultatet etter parlamentsvalget sist søndag ble kjent.", "nb", "2020-10-04"),
        ("Demonstranter samlet seg i Bisjkek i går kveld.", "nb", "2020-10-05"),
        ("He was taken into custody last year.", "en", "2019"),
        ("Am Sonntag wurde gewählt.", "de", "2020-10-04"),
        ("Gestern demonstrierten Tausende.", "de", "2020-10-05"),
        ("El domingo pasado votaron.", "es", "2020-10-04"),
        ("Ayer hubo protestas.", "es", "2020-10-05"),
        ("Les manifestants ont défilé hier.", "fr", "2020-10-05"),
        ("Une grève est prévue mardi prochain.", "fr", "2020-10-13"),
        ("The vote was on 4 October.", "en", "2020-10-04"),
        ("Revolutions came in 2005 and 2010.", "en", "2005"),
    ],
)
def test_resolved(sentence, lang, expected):
    when = main_date(sentence, TUESDAY, lang)
    assert when is not None and str(when.date) == expected


def test_relative_needs_a_day_but_absolute_does_not():
    assert main_date("The vote was on Sunday.", PartialDate(2020, 10), "en") is None
    assert str(main_date("It began in 2005.", None, "en").date) == "2005"


def test_german_hier_is_not_yesterday():
    assert main_date("Hier wurde gewählt.", TUESDAY, "de") is None
