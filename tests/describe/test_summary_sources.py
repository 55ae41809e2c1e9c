"""Summary, headline, dates and wire copies on small texts."""

from __future__ import annotations

from pathlib import Path

from babelwire.describe.dating import effective_dates
from babelwire.describe.event import event_headline
from babelwire.describe.sources import build_sources, find_copies
from babelwire.describe.summary import build_summary
from babelwire.model import Article, PartialDate
from babelwire.pipeline import understand
from babelwire.readers import read_file

STORIES = Path(__file__).resolve().parents[2] / "bench" / "crosslingual" / "docs"

WIRE = (
    "A ferry carrying 74 passengers ran aground off Florø in western Norway on Sunday. "
    "Three people were taken to hospital in Førde with minor injuries, rescuers said. "
    "The operator said a replacement vessel would run from Tuesday. Investigators have "
    "opened an inquiry into the grounding and will interview the crew this week."
)


def _article(aid: str, text: str, **extra) -> Article:
    return Article(aid, text, text, aid, **{"lang": "en", **extra})


def test_summary_is_central_non_redundant_and_never_a_caption():
    copy = _article("b", "UPDATED: " + WIRE, source="other.example")
    caption = _article(
        "c", WIRE.replace("minor injuries", "injuries") + "\n\nFoto: Ola Nordmann / NTB"
    )
    summary = build_summary([_article("a", WIRE), copy, caption], "en")
    texts = [s["text"] for s in summary]
    assert 2 <= len(summary) <= 6
    assert len(texts) == len(set(texts))
    assert not any("Foto" in t for t in texts)
    assert sum("ran aground" in t for t in texts) == 1


def test_headline_is_short_and_in_the_language():
    articles = [_article("n", "Ei ferje gikk på grunn ved Florø søndag.", lang="nb"),
                _article("a", WIRE)]  # fmt: skip
    headline = event_headline(articles)
    assert headline.startswith("A ferry carrying 74 passengers ran aground")
    assert len(headline) <= 110


def test_near_duplicate_wire_copies_count_once():
    articles = [
        _article("a", WIRE, source="AP", date=PartialDate(2024, 2, 5)),
        _article("b", WIRE.replace("rescuers said", "officials said"), source="Local Post",
                 date=PartialDate(2024, 2, 6)),
        _article("c", "A different report on the grounding, written from the harbour in Florø.",
                 source="Local Post", date=PartialDate(2024, 2, 6)),
    ]  # fmt: skip
    dates = effective_dates(articles)
    copies = find_copies(articles, dates)
    assert copies == {"b": "a"}
    local = next(s for s in build_sources(articles, copies) if s["name"] == "Local Post")
    assert local["articles"] == ["b", "c"]
    assert local["independent_reports"] == 1
    assert local["copies"] == [{"article_id": "b", "repeats": "a"}]


def test_missing_and_partial_dates_are_inferred_from_the_event():
    articles = [
        _article("month", "Text.", date=PartialDate(2020, 10)),
        _article("day", "Text.", date=PartialDate(2020, 10, 6)),
        _article("none", "Text."),
    ]
    dates = effective_dates(articles)
    assert str(dates["month"].date) == "2020-10-06" and dates["month"].inferred
    assert str(dates["none"].date) == "2020-10-06" and dates["none"].inferred
    assert not dates["day"].inferred


def test_an_exact_date_outside_the_given_month_is_not_used():
    articles = [
        _article("month", "Text.", date=PartialDate(2020, 9)),
        _article("day", "Text.", date=PartialDate(2020, 10, 6)),
    ]
    dates = effective_dates(articles)
    assert str(dates["month"].date) == "2020-09" and not dates["month"].inferred


def _story(name: str) -> list[Article]:
    return [understand(next(read_file(p))) for p in sorted(STORIES.glob(f"{name}_*.txt"))]


def test_a_story_in_four_languages_is_summarised_from_several_of_them():
    articles = _story("moroccoquake")  # ar, en, fr, tr
    summary = build_summary(articles, "en")
    texts = {a.id: a.text for a in articles}
    assert summary[0]["lang"] == "en"
    assert len({s["article_id"] for s in summary}) >= 3
    assert sum(s["lang"] != "en" for s in summary) <= len(summary) // 2
    assert all(s["text"] in texts[s["article_id"]] for s in summary)


def test_a_sentence_in_another_language_joins_only_for_a_number_the_summary_lacks():
    en = _article("en", WIRE)
    same = _article("nb", "En ferje med 74 passasjerer gikk på grunn ved Florø søndag.", lang="nb")
    assert {s["article_id"] for s in build_summary([en, same], "en")} == {"en"}
    more = _article(
        "nb", "Minst 12 passasjerer ble sendt til sykehus i Førde etter ulykken.", lang="nb"
    )
    assert "nb" in {s["article_id"] for s in build_summary([en, more], "en")}


def test_a_second_outlet_is_cited_before_the_first_ones_next_line():
    first = _article("a", WIRE, source="AP")
    later = (
        "Ferry aground\n\nBy our reporter\n\nDivers inspect the hull on Monday, the harbour said."
    )
    summary = build_summary([first, _article("b", later, source="Local Post")], "en")
    assert [s["article_id"] for s in summary[:2]] == ["a", "b"]
