"""What the linker reads of a text: the encoder's title and lead, and its figures."""

from collections import Counter

from babelwire.model import Article
from babelwire.represent import embedding_text, extract_numbers, spelled_if_caseless


def _article(words: int) -> Article:
    text = " ".join(f"w{i}" for i in range(words))
    return Article(id="a", raw_text=text, text=text, content_hash="h", title="Title")


def test_the_title_and_the_first_150_words_by_default():
    assert embedding_text(_article(400)).split() == ["Title.", *(f"w{i}" for i in range(150))]


def test_fewer_words_when_the_setting_asks(monkeypatch):
    monkeypatch.setenv("BABELWIRE_EMBED_WORDS", "30")
    assert len(embedding_text(_article(400)).split()) == 31
    monkeypatch.setenv("BABELWIRE_EMBED_WORDS", "0")
    assert embedding_text(_article(400)) == "Title."


def test_figures_are_written_one_way_whatever_the_separators():
    text = "At least 2,946 died (2.946 Tote, 2 946 morts); 6,8 or 6.8; 1,200,000 people."
    assert extract_numbers(text) == Counter({"2946": 3, "6.8": 2, "1200000": 1})


def test_figures_in_any_script_but_single_digits_are_left_out():
    # Arabic-Indic digits read as the same figure; "3" and "one" say too little.
    assert extract_numbers("\u0662\u0669\u0664\u0666 dead, 3 villages, one town, 12.5%") == Counter(
        {"2946": 1, "12.5": 1}
    )


def test_a_text_in_a_script_without_capitals_is_kept_as_one_spelling_key():
    # Chinese for "the town of Lahaina was destroyed by wildfire".
    assert "lahaina" in spelled_if_caseless(
        "\u62c9\u6d77\u7eb3\u9547\u88ab\u91ce\u706b\u6467\u6bc1"
    )
    assert spelled_if_caseless("Lahaina was destroyed by wildfire") == ""
