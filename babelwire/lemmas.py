"""Lemmas in every language simplemma knows, each language's dictionary loaded once a process.

simplemma's default keeps the last 8 languages' dictionaries as whole Python
dicts (up to 400 MB each): a stream in more languages than that reloads them
over and over, a second or more each time (measured: 57 loads for 155 articles
in 9 languages, a third of ingest's time). Its stream-backed dictionaries
decode on demand from the compressed data (10 languages: 140 MB instead of
1 GB), so every language can stay loaded; the callers' caches of lemmas make
their slower lookups rare.
"""

from __future__ import annotations

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamDictionaryFactory

__all__ = ["SUPPORTED_LANGUAGES", "lemmatize"]

_LEMMATIZER = Lemmatizer(
    lemmatization_strategy=DefaultStrategy(
        dictionary_factory=StreamDictionaryFactory(cache_max_size=len(SUPPORTED_LANGUAGES))
    )
)


def lemmatize(word: str, lang: str) -> str:
    """The word's lemma in `lang`; ValueError for a language simplemma does not know."""
    return _LEMMATIZER.lemmatize(word, lang)
