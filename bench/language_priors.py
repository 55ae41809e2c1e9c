"""Embed the neutral paragraphs (babelwire/cluster/neutral.py) into the language priors.

    .venv/bin/python bench/language_priors.py

Writes babelwire/cluster/language_priors.npz: one vector per language, under
the encoder's name, so a different encoder never reads another one's priors.
Run it again when the bundled encoder or the paragraphs change.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from babelwire.cluster.neutral import NEUTRAL
from babelwire.represent import E5Encoder

OUT = Path(__file__).resolve().parents[1] / "babelwire" / "cluster" / "language_priors.npz"


def main() -> None:
    encoder = E5Encoder()
    langs = sorted(NEUTRAL)
    vectors = encoder.encode([NEUTRAL[lang] for lang in langs])
    np.savez(
        OUT,
        encoder=np.array(encoder.name),
        langs=np.array(langs),
        vectors=vectors.astype(np.float32),
    )
    print(f"wrote {OUT} ({len(langs)} languages, encoder {encoder.name})")


if __name__ == "__main__":
    main()
