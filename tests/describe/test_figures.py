"""Figures: what a number counts, and when sources disagree."""

from __future__ import annotations

from babelwire.describe.dating import Dated
from babelwire.describe.figures import build_figures, figures_in
from babelwire.model import Article, PartialDate


def _found(text: str, lang: str = "en") -> set[tuple[str, float, float | None]]:
    return {(v.what, v.low, v.high) for v in figures_in(text, "a", lang)}


def test_tolls_in_several_languages():
    assert _found("Hundreds were injured and one person died.") == {
        ("injured", 200, 999),
        ("dead", 1, 1),
    }
    assert _found("Minst 12 mennesker omkom.", "nb") == {("dead", 12, None)}
    assert _found("Mehr als 200 Menschen wurden verletzt.", "de") == {("injured", 201, None)}
    assert _found("Dos personas fueron detenidas.", "es") == {("arrested", 2, 2)}
    assert _found("Au moins 5 morts.", "fr") == {("dead", 5, None)}


def test_cue_before_the_number_and_other_units():
    assert ("dead", 14, None) in _found("The quake struck, killing at least 14 people.")
    assert _found("He got six years in prison.") == {("years of prison", 6, 6)}
    assert _found("Turnout was 61 percent.") == {("percent", 61, 61)}
    assert _found("He took $4.5 million.") == {("money (USD)", 4_500_000, 4_500_000)}


def test_numbers_without_a_cue_are_not_figures():
    assert _found("Two former prime ministers were freed in 2020.") == set()
    assert _found("Several party leaders spoke.") == set()


def _article(aid: str, text: str, day: str) -> Article:
    return Article(aid, text, text, aid, lang="en", date=PartialDate.parse(day))


def _figures(*articles: Article) -> dict[str, bool]:
    dates = {a.id: Dated(a.date, False) for a in articles}
    return {f["what"]: f["disagreement"] for f in build_figures(list(articles), dates)}


def test_compatible_ranges_agree_and_incompatible_ones_disagree():
    a = _article("a", "Hundreds were injured and 3 people died.", "2020-10-06")
    b = _article("b", "590 people were injured and 9 people died.", "2020-10-06")
    assert _figures(a, b) == {"injured": False, "dead": True}


def test_a_toll_that_rises_over_days_is_an_update_not_a_disagreement():
    a = _article("a", "At the scene, 3 people died.", "2020-10-05")
    b = _article("b", "By now 9 people died.", "2020-10-07")
    assert _figures(a, b) == {"dead": False}


def test_different_counts_of_one_unit_are_not_a_disagreement():
    a = _article("a", "Two parties linked to the elite won most seats.", "2020-10-06")
    b = _article("b", "A dozen opposition parties took to the streets.", "2020-10-06")
    assert _figures(a, b) == {"parties": False}
