"""The aligner (USE multilingual v3, bundled weights): translations meet, other stories do not."""

import numpy as np
import pytest

from babelwire.represent import USEEncoder

QUAKE_EN = "An earthquake of magnitude 7 struck the Aegean Sea and damaged buildings in Izmir."
QUAKE_DE = "Ein Erdbeben der Stärke 7 erschütterte die Ägäis und beschädigte Gebäude in Izmir."
RATES_EN = "The central bank of Chile raised interest rates by half a point on Tuesday."


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return USEEncoder().encode([QUAKE_EN, QUAKE_DE, RATES_EN])


def test_vectors_have_unit_length(vectors):
    assert vectors.shape == (3, 512)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1, 1, 1], abs=1e-4)


def test_a_translation_is_closer_than_another_story_in_the_same_language(vectors):
    translation, other_story = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert translation > 0.7 > other_story + 0.2
