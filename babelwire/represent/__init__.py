"""Representations the linker compares: embeddings, and names and figures in any language."""

from babelwire.represent.encoder import CachedEncoder, E5Encoder, Encoder
from babelwire.represent.features import (
    Features,
    embedding_text,
    extract_names,
    extract_numbers,
    fold,
    spelled_if_caseless,
)
from babelwire.represent.lexical import extract_terms

__all__ = [
    "CachedEncoder",
    "E5Encoder",
    "Encoder",
    "Features",
    "embedding_text",
    "extract_names",
    "extract_numbers",
    "extract_terms",
    "fold",
    "spelled_if_caseless",
]
