"""Cleaning: furniture goes, the reporter's sentences stay."""

from __future__ import annotations

import re

import pytest

from babelwire.clean import clean, clean_text, headline_of, split_title
from tests.conftest import DATA, SEEDS, need

BODY = "The council voted on Tuesday to close the bridge, and repairs start next week."
MORE = "Engineers said the steel beams had been rusting for years."
DASH = "\u2013"  # Norwegian quotes open with an en dash


def _seed(name: str) -> str:
    text = (need(SEEDS) / name).read_text(encoding="utf-8")
    # The reader cuts the " date YYYY-MM" opening; these tests read files directly.
    return re.sub(r"^\s*date\s+\d{4}(?:-\d{1,2}){0,2}\s+", "", text)


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# -- the seeds ---------------------------------------------------------------


def test_dw_gallery_titles_and_captions_go() -> None:
    cleaned = clean_text(_seed("004_b0aec262ba18a503.txt"))
    assert "Opposition protests rock Kyrgyzstan following parliamentary vote" not in cleaned
    assert "Waving for democracy" not in cleaned
    assert "Foto:" not in cleaned
    assert cleaned.startswith("The Central Election Commission of Kyrgyzstan declared")
    assert "'Return to the rule of law'" in cleaned  # a crosshead stays
    assert cleaned.endswith("domination by certain powerful clans.")


def test_norwegian_captions_go_and_the_story_stays() -> None:
    cleaned = clean_text(_seed("000_6e9735e04485fc5e.txt"))
    assert "Foto:" not in cleaned
    assert "UENIGE:" not in cleaned
    assert "Tusenvis av demonstranter samlet seg i Bisjkek da valgresultatet" not in cleaned
    for kept in [
        "Flere tusen demonstranter samlet seg i Bisjkek i går kveld",
        f"{DASH} Vi vil at Sooronbai Jeenbekov går av",
        "Forgjenger satt fri",  # crossheads stay
        "For kort tid siden besøkte den kirgisiske presidenten",
    ]:
        assert kept in cleaned


def test_a_clean_article_is_left_as_it_was() -> None:
    raw = _seed("002_9aaf434e9089dc88.txt")
    assert clean_text(raw) == "\n\n".join(p.strip() for p in raw.strip().split("\n\n"))


# -- captions and credits ----------------------------------------------------


def test_a_body_paragraph_about_the_same_scene_stays() -> None:
    raw = (
        f"{BODY}\n\n"
        "UENIGE: Tusenvis av demonstranter samlet seg i Bisjkek. Foto: Vladimir Voronin / AP\n\n"
        "Tusenvis av demonstranter samlet seg i Bisjkek i går kveld.\n\n"
        f"{DASH} Vi vil at presidenten går av, sier en demonstrant."
    )
    assert _paragraphs(clean_text(raw)) == [
        BODY,
        "Tusenvis av demonstranter samlet seg i Bisjkek i går kveld.",
        f"{DASH} Vi vil at presidenten går av, sier en demonstrant.",
    ]


@pytest.mark.parametrize(
    "credit",
    [
        "Photo: Reuters",  # en
        "Image: Getty Images/AFP/V. Oseledko",
        "Photograph: Dado Ruvić/Reuters",
        "AP Photo/Vladimir Voronin",
        "REUTERS/Vladimir Pirogov",
        "Photo by Jane Doe/Getty Images",
        "Foto: Vladimir Voronin / AP",  # nb
        "FOTO: NTB",
        "Bilete: Ola Nordmann / NRK",  # nn
        "Foto: Ritzau Scanpix",  # da
        "Bild: Anders Wiklund/TT",  # sv
        "Bild: dpa",  # de
        "Photo : AFP",  # fr, with the French space before the colon
        "Crédit photo : Jean Dupont",
        "Foto/Ilustración: El País",  # es
        "Foto: ANSA",  # it
        "Foto: Agência Brasil",  # pt
        "Beeld: ANP",  # nl
        "Fot. PAP/Leszek Szymański",  # pl
    ],
)
def test_a_caption_ending_in_a_credit_goes_whole(credit: str) -> None:
    raw = f"{BODY}\n\nA man waves a flag outside parliament. {credit}\n\n{MORE}"
    assert _paragraphs(clean_text(raw)) == [BODY, MORE]


@pytest.mark.parametrize("credit", ["Photo: Reuters", "Foto: NTB Scanpix", "Getty Images"])
def test_a_credit_on_its_own_line_goes(credit: str) -> None:
    assert _paragraphs(clean_text(f"{BODY}\n{credit}\n{MORE}")) == [BODY, MORE]


@pytest.mark.parametrize(
    "credit", ["(AP Photo/Jane Doe)", "(Foto: dpa)", "[Photo by John Smith/Getty Images]"]
)
def test_a_bracketed_credit_goes_from_inside_a_paragraph(credit: str) -> None:
    raw = f"The minister {credit} spoke to reporters in the capital on Monday."
    assert clean_text(raw) == "The minister spoke to reporters in the capital on Monday."


def test_a_credit_glued_to_a_long_paragraph_goes_alone() -> None:
    long_body = " ".join([BODY, MORE] * 4)
    assert clean_text(f"{long_body} Photo: Reuters") == long_body


def test_credit_words_in_running_text_stay() -> None:
    raw = (
        "Er zeichnete ein Bild: düster und kalt.\n\n"
        "The agency released a photo by a local resident.\n\n"
        "Brackets (like these) stay."
    )
    assert clean_text(raw) == raw


def test_labelled_paragraphs_are_captions_only_on_a_captioned_page() -> None:
    captioned = (
        f"NEW DELHI: {BODY}\n\n"
        "HARDE SAMMENSTØT: Opprørspoliti ble satt inn mot demonstranter.\n\n"
        "LITE PLASS: To partier fikk flest stemmer. Foto: Vladimir Voronin / AP\n\n"
        f"UPDATE: {MORE}"
    )
    assert _paragraphs(clean_text(captioned)) == [f"NEW DELHI: {BODY}", f"UPDATE: {MORE}"]
    transcript = f"{BODY}\n\nTUCKER CARLSON: It is not just protesters they are watching."
    assert clean_text(transcript) == transcript


# -- galleries ----------------------------------------------------------------

GALLERY = "Opposition protests rock Kyrgyzstan following parliamentary vote"


def test_paragraphs_opening_with_a_repeated_gallery_title_go() -> None:
    captions = [
        f"{GALLERY} Waving for democracy A man holds a flag.",
        f"{GALLERY} A parliamentary mess Protesters stormed the building.",
        f"{GALLERY} Rubbish ablaze Protesters set fire to a container.",
    ]
    raw = "\n\n".join([BODY, *captions, MORE])
    assert _paragraphs(clean_text(raw)) == [BODY, MORE]


def test_a_repeated_standalone_gallery_title_takes_its_caption_along() -> None:
    items = [f"{GALLERY}\n\nCaption number {n} describes a picture." for n in range(3)]
    raw = "\n\n".join([BODY, *items, MORE])
    assert _paragraphs(clean_text(raw)) == [BODY, MORE]


def test_a_paragraph_repeated_three_times_is_kept_once_with_its_neighbours() -> None:
    raw = "\n\n".join([BODY, MORE, BODY, "Third.", BODY, "Fourth."])
    assert _paragraphs(clean_text(raw)) == [BODY, MORE, "Third.", "Fourth."]


def test_two_paragraphs_opening_alike_are_not_a_gallery() -> None:
    raw = (
        "He faces up to 75 years to life in prison if convicted.\n\n"
        f"{BODY}\n\n"
        "He faces up to 75 years to life when he is sentenced in May."
    )
    assert clean_text(raw) == raw


# -- furniture ------------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "Read more: Kyrgyzstan's president resigns",
        "Les også: Dette er saken",
        "Lesen Sie auch: Die Lage in Bischkek",
        "Advertisement",
        "ANZEIGE",
        "Share this article",
        "Share on Facebook Twitter Email",
        "Click here to subscribe to our newsletter",
        "Sign up for our daily briefing",
        "http: / / www. ocregister. com / angels / million - 416271 - http - red. html",
        "https://www.example.com/news/2020/10/06/story.html",
        "© 2020 Example News. All rights reserved.",
        "Photo 3 of 8",
    ],
)
def test_page_furniture_goes(furniture: str) -> None:
    assert _paragraphs(clean_text(f"{BODY}\n\n{furniture}\n\n{MORE}")) == [BODY, MORE]


def test_datelines_and_sentences_about_furniture_words_stay() -> None:
    raw = (
        "LONDON (Reuters) - Britain said on Tuesday it would expand testing.\n\n"
        "Advertisement revenue fell by a third, the company said.\n\n"
        "Copyright law in the EU changed in 2019."
    )
    assert clean_text(raw) == raw


def test_nothing_but_furniture_leaves_nothing() -> None:
    assert clean_text("Advertisement\n\nPhoto: Reuters\n\nShare this\n\n   \n") == ""


# -- paragraphs -------------------------------------------------------------------


def test_one_sentence_a_line_keeps_its_paragraphs_and_joins_wrapped_lines() -> None:
    raw = (
        "Michael Silverman reports that the Red Sox\nhave made an offer.\nIt is the biggest yet.\n"
    )
    assert _paragraphs(clean_text(raw)) == [
        "Michael Silverman reports that the Red Sox have made an offer.",
        "It is the biggest yet.",
    ]


def test_whitespace_is_tidied_and_repeats_are_kept_once() -> None:
    spaced = MORE.replace(" ", "\u00a0 ")  # no-break spaces from HTML
    raw = f"  {BODY}\r\n\r\n{spaced}\n\n\n{BODY}\n"
    assert _paragraphs(clean_text(raw)) == [BODY, MORE]


def test_ecbplus_loses_its_url_lines_and_nothing_else() -> None:
    docs = sorted((need(DATA / "ecbplus-dev") / "docs").glob("*.txt"))
    lost = 0
    for doc in docs:
        raw = doc.read_text(encoding="utf-8")
        cleaned = clean_text(raw)
        assert not cleaned.startswith("http"), doc.name
        lines = [line for line in raw.splitlines() if line.strip()]
        lost += sum(1 for line in lines if " ".join(line.split()) not in cleaned)
    assert lost <= len(docs)  # at most the URL line of each document


# -- titles and headlines -----------------------------------------------------------


REPORT = "Report: Red Sox offer Teixeira $200 million"
TITLE_CASE = "Trump Stays Banned on Facebook. Keep It That Way."


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"{REPORT}\n\n{BODY}", REPORT),
        (f"Is the bridge safe?\n\n{BODY}", "Is the bridge safe?"),
        (f"{TITLE_CASE}\n\n{BODY}", TITLE_CASE),
        (f"{BODY}\n\n{MORE}", None),  # a lead sentence
        (f"DECEMBER 16, 2008\n\n{BODY}", None),  # a dateline
        ("Bridge closes for repairs", None),  # nothing follows
        (" ".join(["word"] * 30) + f"\n\n{BODY}", None),  # too long
    ],
)
def test_split_title(text: str, title: str | None) -> None:
    found, rest = split_title(text)
    assert found == title
    assert rest == (BODY if title else text)


def test_headline_is_the_first_sentence() -> None:
    assert headline_of(f"Alaska Gov. Sarah Palin visited the church. {MORE}\n\n{BODY}") == (
        "Alaska Gov. Sarah Palin visited the church."
    )


def test_a_long_first_sentence_is_cut_on_a_word() -> None:
    words = "The regional election commission announced on Tuesday evening that the results"
    headline = headline_of(f"{words} of the vote in all forty districts would be annulled today.")
    assert headline.endswith("…")
    assert len(headline) <= 101
    assert f"{words} of the vote in all" in headline
    assert headline[:-1] in f"{words} of the vote in all forty districts"
    assert headline_of("") == ""


def test_captions_are_kept_apart_without_credits_labels_or_gallery_titles():
    raw = (
        "Floods cut off three villages in Sogn on Monday.\n\n"
        "REDNINGSARBEID: Mannskaper leter etter savnede i Sogn. Foto: Kari Nordvik / NTB\n\n"
        "The river rose two metres overnight, the police said.\n\n"
        "Floods in pictures from western Norway Rescue boats at dawn. Four people were rescued.\n\n"
        "Floods in pictures from western Norway A flooded road. Two bridges collapsed.\n\n"
        "Floods in pictures from western Norway Volunteers fill sandbags."
    )
    cleaned = clean(raw)
    assert "Mannskaper" not in cleaned.body and "Four people" not in cleaned.body
    assert "Mannskaper leter etter savnede i Sogn." in cleaned.captions
    assert "Four people were rescued." in cleaned.captions
    for furniture in ["Foto:", "REDNINGSARBEID", "Floods in pictures from western Norway"]:
        assert furniture not in cleaned.captions
    assert clean_text(raw) == cleaned.body


RESULTS = """Jonas Vik won the third stage of the Tour of Norway in Lillehammer on Sunday.

Stage 3
Jonas Vik (NOR) Team Fjord 4:12:30
Pablo Ruiz (ESP) Sierra Cycling +0:04

General classification
Jonas Vik (NOR) Team Fjord 12:40:11
Pablo Ruiz (ESP) Sierra Cycling +0:12

Points classification
Jonas Vik (NOR) Team Fjord 58 pts
Tom Berg (NED) Polder Pro 41 pts

Vik said the team had ridden perfectly on the final climb."""


def test_a_rider_repeated_in_a_results_table_is_no_gallery_title() -> None:
    # The leader's line opens a row of every table: a repeat, not a gallery.
    lines = [line for line in RESULTS.split("\n") if line]
    assert _paragraphs(clean_text(RESULTS)) == lines


def test_a_results_line_repeated_whole_keeps_the_rows_after_it() -> None:
    leader = "Jonas Vik (NOR) Team Fjord"
    rows = [
        "Pablo Ruiz (ESP) Sierra Cycling",
        "Tom Berg (NED) Polder Pro",
        "Lars Dahl (NOR) Nordkapp",
    ]
    raw = "\n".join([BODY, leader, rows[0], leader, rows[1], leader, rows[2], MORE])
    # The repeated line is kept once, like any repeat; the rows after it all stay.
    assert _paragraphs(clean_text(raw)) == [BODY, leader, *rows, MORE]
