"""Words as evidence: lemmas folded to ASCII, weighted by how rare they are."""

from collections import Counter

import pytest

from babelwire.represent.lexical import add_weights, extract_terms, norm, similarity, weigh


def test_terms_are_lemmas_folded_to_ascii_with_numbers_kept():
    terms = extract_terms("Quakes hit Izmir", "The quake killed 116 people in İzmir.", "en")
    assert terms["quake"] == 2 and terms["izmir"] == 2 and terms["116"] == 1
    assert "in" not in terms, "words under three letters say nothing"


def test_norwegian_inflections_meet_in_their_lemma():
    terms = extract_terms(None, "Valget ble annullert. Et nytt valg kommer.", "nb")
    assert terms["valg"] == 2


def test_a_language_without_lemmas_still_gives_folded_words():
    assert extract_terms(None, "Землетрясение в Измире", "xx") == Counter(
        {"zemletryasenie": 1, "izmire": 1}
    )


def test_weights_have_unit_length_and_common_words_count_for_nothing():
    weights = weigh(Counter({"quake": 1, "the": 5, "izmir": 1}), 100, {"the": 100, "quake": 9})
    assert "the" not in weights
    assert weights["izmir"] > weights["quake"] > 0
    assert norm(weights) == pytest.approx(1.0, abs=1e-3)


def test_similarity_of_an_article_with_an_event_s_summed_words():
    event = add_weights({"quake": 0.6, "izmir": 0.8}, {"quake": 1.0})
    assert event == {"quake": 1.6, "izmir": 0.8}
    assert similarity({"izmir": 1.0}, event, norm(event)) == pytest.approx(0.8 / norm(event))
    assert similarity({"samos": 1.0}, event, norm(event)) == 0.0
    assert similarity({"izmir": 1.0}, {}, 0.0) == 0.0
