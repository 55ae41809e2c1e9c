"""Sentence splitting on news prose."""

from __future__ import annotations

from babelwire.describe.text import split_sentences

DASH = "\u2013"  # a Norwegian quote opens with a dash


def test_abbreviations_and_times_do_not_end_sentences():
    text = f"It hit at 4:17 a.m. local time, Dr. Lee said. Help came. {DASH} Det er trist, sa han."
    assert split_sentences(text) == [
        "It hit at 4:17 a.m. local time, Dr. Lee said.",
        "Help came.",
        f"{DASH} Det er trist, sa han.",
    ]


def test_a_paragraph_break_always_ends_a_sentence():
    assert split_sentences("Breaking news\nThe ship is free.") == [
        "Breaking news",
        "The ship is free.",
    ]
