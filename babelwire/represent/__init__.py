"""Representations the linker compares: embeddings, and names and figures in any language."""

from babelwire.represent.encoder import (
    ALIGNED_LANGUAGES,
    CachedEncoder,
    E5Encoder,
    Encoder,
    USEEncoder,
)
from babelwire.represent.features import (
    Features,
    embedding_text,
    extract_names,
    extract_numbers,
    fold,
    spelled_if_caseless,
)
from babelwire.represent.lexical import extract_terms
from babelwire.represent.remote import OpenAIEncoder

__all__ = [
    "ALIGNED_LANGUAGES",
    "CachedEncoder",
    "E5Encoder",
    "Encoder",
    "Features",
    "OpenAIEncoder",
    "USEEncoder",
    "embedding_text",
    "extract_names",
    "extract_numbers",
    "extract_terms",
    "fold",
    "spelled_if_caseless",
]
