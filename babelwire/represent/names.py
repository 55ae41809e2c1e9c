"""One spelling key for a name, whatever the script, accents or transliteration.

Shared by linking (names as language-independent evidence) and description
(one entity per real thing), so both agree on which spellings are one name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Spelling habits of transliteration into the languages babelwire reads, so
# that Bisjkek (nb) meets Bishkek (en), Atambajev meets Atambayev, Kirgisistan
# meets Kyrgyzstan. Order matters: longer patterns first.
_TRANSLIT = [
    ("dsch", "j"),  # German: Dschaparow
    ("dzh", "j"),
    ("zj", "j"),  # Norwegian: Zjaparov
    ("tsch", "ch"),
    ("sch", "sh"),
    ("sj", "sh"),
    ("zh", "j"),
    ("tj", "ch"),
    ("kh", "h"),
    ("ow", "ov"),  # German: -ow for -ov
    ("ph", "f"),
    ("ck", "k"),
    ("w", "v"),
    ("j", "y"),
    ("y", "i"),
    ("z", "s"),
    ("c", "k"),
    ("q", "k"),
    ("x", "ks"),
]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """One spelling key for a name across scripts, accents and transliterations."""
    folded = anyascii(name).lower()
    folded = re.sub(r"['\u2019]s\b", "", folded)
    folded = re.sub(r"[^a-z0-9 ]+", " ", folded)
    tokens = []
    for token in folded.split():
        for old, new in _TRANSLIT:
            token = token.replace(old, new)
        tokens.append(re.sub(r"(.)\1+", r"\1", token))  # Russsland: doubled letters fold
    return " ".join(tokens)
