"""What the encoder reads: the title and the first words of the lead."""

from babelwire.model import Article
from babelwire.represent import embedding_text


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
