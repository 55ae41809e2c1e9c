import datetime as dt
from collections import Counter

import numpy as np
import pytest

from babelwire.cluster.base import EventState, StreamStats
from babelwire.cluster.online import (
    LinkerConfig,
    OnlineLinker,
    _aligned_cosines,
    _gap_days,
    cosines_to,
)
from babelwire.model import PartialDate
from babelwire.represent import Features

DIM = 8


def _unit(*weights: float) -> np.ndarray:
    vector = np.zeros(DIM, dtype=np.float32)
    vector[: len(weights)] = weights
    return vector / np.linalg.norm(vector)


class FakeState:
    """Just enough LinkState for one decision."""

    def __init__(self, events=(), languages=None, stats=None):
        self.events = list(events)
        self.languages = languages or {}
        self.stats = stats or StreamStats(0, None)

    def candidates(self, features):
        return self.events

    def language_mean(self, lang):
        return self.languages.get(lang, (0, None))

    def language_counts(self):
        return {lang: n for lang, (n, _) in self.languages.items()}

    def stream_stats(self):
        return self.stats

    def document_frequencies(self, terms):
        return {}


def _event(event_id, *vectors, names=(), day=None):
    when = PartialDate.parse(day).start if day else None
    return EventState(
        id=event_id,
        centroid=np.sum(vectors, axis=0).astype(np.float32),
        size=len(vectors),
        names=Counter(names),
        first_day=when,
        last_day=when,
    )


def test_cosines_to_centroids_of_any_length():
    a, rows = _unit(1, 1), np.stack([_unit(1, 0) * 3, _unit(0, 1, 1), -_unit(1, 1) * 2])
    assert cosines_to(a, rows) == pytest.approx([2**-0.5, 0.5, -1.0], abs=1e-6)


def test_joins_the_close_event_and_keeps_the_runner_up():
    state = FakeState([_event("far", _unit(0, 0, 1)), _event("near", _unit(1, 0.1))])
    decision = OnlineLinker().decide(Features(_unit(1, 0.2)), state)
    assert decision.event_id == "near"
    assert decision.evidence["best"]["event_id"] == "near"
    assert decision.evidence["runner_up"]["event_id"] == "far"
    assert decision.merge == []


def test_opens_an_event_when_nothing_is_close():
    state = FakeState([_event("other", _unit(0, 0, 1))])
    decision = OnlineLinker().decide(Features(_unit(1)), state)
    assert decision.event_id is None
    assert decision.evidence["best"]["event_id"] == "other"


def test_shared_names_and_date_gaps_move_the_score():
    linker = OnlineLinker(LinkerConfig(name_weight=0.5, time_weight=0.5))
    vector = _unit(1, 0.6)
    article = Features(vector, Counter({"bishkek": 2}), PartialDate(2020, 10, 6))
    state = FakeState(
        [
            _event("same-names", _unit(1, 0.5), names=["bishkek"], day="2020-10-06"),
            _event("years-apart", _unit(1, 0.55), day="2016-03-01"),
        ]
    )
    evidence = linker.decide(article, state).evidence
    best, runner_up = evidence["best"], evidence["runner_up"]
    assert best["event_id"] == "same-names" and best["names"] == 1.0
    assert runner_up["gap_days"] > 1000 and runner_up["score"] < runner_up["cosine"]


def test_names_and_words_are_compared_with_the_closest_candidates_only():
    compared: list[str] = []

    class Counting(OnlineLinker):
        def _add_names_and_figures(self, entry, *args):
            compared.append(entry["event_id"])
            super()._add_names_and_figures(entry, *args)

    article = Features(_unit(1, 0.5), Counter({"bishkek": 1}))
    # Every one of them could reach the threshold with names shared.
    events = [_event(f"e{k}", _unit(1, 0.5 + k / 10), names=["bishkek"]) for k in range(8)]
    decision = Counting(LinkerConfig(evidence_candidates=3)).decide(article, FakeState(events))
    assert sorted(compared) == ["e0", "e1", "e2"]
    assert decision.event_id == "e0" and decision.evidence["best"]["names"] == 1.0
    assert decision.evidence["candidates"] == 8


def test_shared_figures_count_even_across_languages():
    linker = OnlineLinker(LinkerConfig(number_weight=0.2))
    article = Features(_unit(1), lang="ar", numbers=Counter({"2946": 1, "6.8": 1}))
    toll, other = _event("same-toll", _unit(1)), _event("other-toll", _unit(1))
    toll.numbers, other.numbers = Counter({"2946": 2, "300": 1}), Counter({"1000": 1})
    toll.languages = other.languages = frozenset({"en"})
    evidence = linker.decide(article, FakeState([other, toll])).evidence
    assert evidence["best"]["event_id"] == "same-toll" and evidence["best"]["numbers"] == 0.5
    assert evidence["best"]["score"] == pytest.approx(evidence["runner_up"]["score"] + 0.1)


def test_a_text_without_capitals_finds_the_events_names_in_its_spelling():
    article = Features(_unit(1), lang="zh", spelled="lahainaienbeiehuo")
    maui, other = _event("maui", _unit(1)), _event("tenerife", _unit(1))
    maui.names, other.names = Counter({"lahaina": 3, "maui": 2}), Counter({"tenerife": 3})
    evidence = OnlineLinker().decide(article, FakeState([other, maui])).evidence
    # "maui" is too short to be looked for inside a whole text.
    assert evidence["best"]["event_id"] == "maui" and evidence["best"]["names"] == 1.0
    assert evidence["runner_up"]["names"] == 0.0


def test_a_language_never_seen_starts_from_the_shared_mean():
    shared = _unit(0, 0, 0, 1)
    stats = StreamStats(100, shared * 0.6 * 100)
    state = FakeState(languages={"en": (100, shared * 0.6)}, stats=stats)
    article = 0.8 * _unit(1) + 0.6 * shared
    comparable = OnlineLinker().comparable(Features(article, lang="nb"), state)
    # The never-seen language still loses the direction all news shares.
    assert abs(float(comparable @ shared)) < 0.1
    assert float(comparable @ _unit(1)) > 0.99


def test_joining_merges_the_event_the_grown_one_now_matches():
    piece_a = _event("a", _unit(1, 0.2), _unit(1, 0.25))
    piece_b = _event("b", _unit(1, 0.3), _unit(1, 0.35), _unit(1, 0.3))
    elsewhere = _event("c", _unit(0, 0, 1))
    state = FakeState([piece_a, piece_b, elsewhere])
    decision = OnlineLinker().decide(Features(_unit(1, 0.28)), state)
    assert decision.event_id in {"a", "b"}
    assert decision.merge == [({"a", "b"} - {decision.event_id}).pop()]
    assert decision.evidence["merged"] == decision.merge


def test_a_distant_event_is_not_merged():
    state = FakeState([_event("a", _unit(1, 0.2)), _event("b", _unit(0.3, 1))])
    decision = OnlineLinker().decide(Features(_unit(1, 0.2)), state)
    assert decision.event_id == "a" and decision.merge == []


def test_an_article_in_a_language_the_event_lacks_gets_the_cross_language_allowance():
    linker = OnlineLinker(LinkerConfig(cross_language_bonus=0.15))
    vector = _unit(1, 0.9)  # cosine about 0.74 with the events below
    same, other = _event("en-event", _unit(1)), _event("nb-event", _unit(1))
    same.languages, other.languages = frozenset({"en"}), frozenset({"nb"})
    scored = {
        r["event_id"]: r
        for r in [
            linker.decide(Features(vector, lang="en"), FakeState([same])).evidence["best"],
            linker.decide(Features(vector, lang="en"), FakeState([other])).evidence["best"],
        ]
    }
    assert scored["nb-event"]["cross_language"] and not scored["en-event"]["cross_language"]
    assert scored["nb-event"]["score"] == pytest.approx(scored["en-event"]["score"] + 0.15)


def test_shared_words_tell_look_alike_events_apart_within_a_language():
    article = Features(_unit(1), lang="en", terms=Counter({"izmir": 2, "quake": 1, "samos": 1}))
    words = {"izmir": 0.7, "quake": 0.5, "samos": 0.5}
    izmir, elazig = _event("izmir", _unit(1)), _event("elazig", _unit(1))
    izmir.terms, izmir.terms_norm = words, float(np.linalg.norm(list(words.values())))
    elazig.terms, elazig.terms_norm = {"elazig": 1.0, "quake": 0.5}, 1.118
    izmir.languages = elazig.languages = frozenset({"en"})
    seen = StreamStats(10, None)  # ten articles before, none with these words
    decision = OnlineLinker().decide(article, FakeState([elazig, izmir], stats=seen))
    best, runner_up = decision.evidence["best"], decision.evidence["runner_up"]
    assert best["event_id"] == "izmir" and best["words"] > runner_up["words"] > 0
    assert set(decision.terms) == {"izmir", "quake", "samos"}
    assert sum(w * w for w in decision.terms.values()) == pytest.approx(1.0, abs=1e-3)


def test_words_are_not_compared_across_languages():
    article = Features(_unit(1), lang="de", terms=Counter({"izmir": 1}))
    event = _event("izmir", _unit(1))
    event.terms, event.terms_norm, event.languages = {"izmir": 1.0}, 1.0, frozenset({"tr"})
    seen = StreamStats(10, None)
    best = OnlineLinker().decide(article, FakeState([event], stats=seen)).evidence["best"]
    assert best["cross_language"] and best["words"] is None


def test_across_languages_the_aligned_cosine_replaces_the_e5_one():
    # e5 says the two are far apart; the aligner, trained on translations, says close.
    linker = OnlineLinker(LinkerConfig(aligned_bonus=0.1))
    event = _event("tr-event", _unit(0, 1))
    event.languages, event.aligned = frozenset({"tr"}), _unit(1, 0.2) * 2
    article = Features(_unit(1), lang="de", aligned=_unit(1, 0.3))
    decision = linker.decide(article, FakeState([event]))
    best = decision.evidence["best"]
    aligned_cosine = float(_unit(1, 0.3) @ _unit(1, 0.2))
    assert best["aligned_cosine"] == pytest.approx(aligned_cosine, abs=1e-4)
    assert best["score"] == pytest.approx(aligned_cosine + 0.1, abs=1e-3)
    assert decision.event_id == "tr-event"


def test_within_a_language_or_without_aligned_vectors_e5_decides():
    linker = OnlineLinker(LinkerConfig(cross_language_bonus=0.3))
    same = _event("de-event", _unit(0, 1))
    same.languages, same.aligned = frozenset({"de"}), _unit(1)
    unaligned = _event("nb-event", _unit(1, 1))
    unaligned.languages = frozenset({"nb"})  # outside the aligner's languages: no aligned sum
    article = Features(_unit(1), lang="de", aligned=_unit(1))
    scored = {
        r["event_id"]: r
        for r in [
            linker.decide(article, FakeState([same])).evidence["best"],
            linker.decide(article, FakeState([unaligned])).evidence["best"],
        ]
    }
    assert scored["de-event"]["aligned_cosine"] is None
    assert scored["de-event"]["score"] == pytest.approx(0.0, abs=1e-4)
    assert scored["nb-event"]["aligned_cosine"] is None
    assert scored["nb-event"]["score"] == pytest.approx(2**-0.5 + 0.3, abs=1e-3)


def test_a_fragment_in_other_languages_merges_when_the_aligner_matches_it():
    joined, fragment = _event("en-event", _unit(1)), _event("de-event", _unit(0, 0, 1))
    joined.languages, joined.aligned = frozenset({"en"}), _unit(1, 0.1)
    fragment.languages, fragment.aligned = frozenset({"de"}), _unit(1, 0.6) * 2
    article = Features(_unit(1, 0.05), lang="en", aligned=_unit(1))
    decision = OnlineLinker().decide(article, FakeState([joined, fragment]))
    assert decision.event_id == "en-event" and decision.merge == ["de-event"]


def test_the_aligner_does_not_merge_events_that_share_a_language_or_differ():
    joined, same_language = _event("en-event", _unit(1)), _event("en-2", _unit(0, 0, 1))
    joined.languages, joined.aligned = frozenset({"en"}), _unit(1)
    same_language.languages, same_language.aligned = frozenset({"en", "de"}), _unit(1)
    different = _event("fr-event", _unit(0, 0, 1))
    different.languages, different.aligned = frozenset({"fr"}), _unit(0, 1)
    article = Features(_unit(1), lang="en", aligned=_unit(1))
    decision = OnlineLinker().decide(article, FakeState([joined, same_language, different]))
    assert decision.event_id == "en-event" and decision.merge == []


def test_the_fast_path_compares_vectors_as_they_come():
    mean = _unit(1, 1)
    state = FakeState(languages={"en": (50, mean)})
    article = Features(_unit(1, 0.5), lang="en")
    kept = OnlineLinker(LinkerConfig(remove_language_mean=False)).comparable(article, state)
    centred = OnlineLinker().comparable(article, state)
    assert kept == pytest.approx(_unit(1, 0.5))
    assert float(centred @ _unit(1, 0.5)) < 0.99


def _one_at_a_time(config, features, event, cosine, aligned):
    """The score from embedding, date and language, as the linker's docstring writes it."""
    gap = _gap_days(features, event)
    excess = 0.0 if gap is None else max(0.0, gap - config.time_grace_days)
    score = -config.time_weight * min(1.0, excess / config.time_scale_days)
    if not event.languages or features.lang in event.languages:
        return score + cosine
    if aligned is not None:
        return score + aligned + config.aligned_bonus
    return score + cosine + config.cross_language_bonus


def _random_event(rng, number):
    days = [None, *(dt.date(2020, 10, 6) + dt.timedelta(days=d) for d in (-90, -4, -1, 0, 2, 50))]
    first, last = sorted(rng.choice(len(days), 2))
    return EventState(
        id=f"e{number}",
        centroid=rng.normal(size=DIM).astype(np.float32),
        size=1,
        names=Counter(),
        first_day=days[first] if first else None,  # an event without dates has neither
        last_day=days[last] if first else None,
        languages=frozenset(rng.choice(["en", "nb", "ru"], rng.integers(0, 3), replace=False)),
        aligned=rng.normal(size=DIM).astype(np.float32) if number % 3 else None,
    )


def test_candidates_scored_at_once_score_as_one_at_a_time_to_the_bit():
    rng = np.random.default_rng(3)
    events = [_random_event(rng, number) for number in range(80)]
    linker = OnlineLinker()
    for date in (None, "2020", "2020-10", "2020-10-05"):
        features = Features(
            _unit(*rng.normal(size=DIM)),
            date=PartialDate.parse(date) if date else None,
            lang="nb",
            aligned=rng.normal(size=DIM).astype(np.float32),
        )
        cosines = cosines_to(features.vector, np.array([e.centroid for e in events]))
        aligned = _aligned_cosines(features, events)
        crossing = np.array([bool(e.languages) and "nb" not in e.languages for e in events])
        at_once = linker._bases(features, events, cosines, aligned, crossing).tolist()
        one_at_a_time = [
            _one_at_a_time(linker.config, features, event, float(cosines[i]), aligned.get(i))
            for i, event in enumerate(events)
        ]
        assert at_once == one_at_a_time
