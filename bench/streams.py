"""The benchmark's inputs: the dev corpora as they are, and a longer stream built from them.

The dev corpora (`ecbplus-dev`, `allsides-dev` under ../shared/data) are read
at run time and never copied into the repository. The long stream is built
from them in memory, like this:

- One *copy* is every article of the chosen corpora, the corpora interleaved
  in proportion (article i of a corpus of n sits at (i + 0.5) / n of the
  copy), each corpus in its own stream order (`read_paths`: by file name).
- Copy k (k = 0, 1, 2 ...) is dated BASE_DATE + k * PERIOD_DAYS days, every
  article of it on that one day, and article ids become
  `<corpus>/<id>#<k>`. The gold event of a copy is `<corpus>/<gold>#<k>`:
  copy k of a story is a new story.
- PERIOD_DAYS (35, five weeks) is the first whole number of weeks longer
  than the store's candidate window (30 days), so the events of copy k - 1
  have gone quiet when copy k starts: copies open new events instead of
  joining the old ones, as next month's news would, while the store keeps
  growing.
- Copy k > 0 carries a deterministic marker, so that its content hash (and
  therefore its identity) differs from the original's:
  - `warm` mode: a last paragraph holding only the URL
    `https://bench.babelwire.invalid/copy/<k>`. A lone URL is page furniture
    that cleaning drops, so the cleaned text, the title, the language, the
    names and the embedding text are exactly the original's: a warm cache
    serves every copy, and the stream measures everything but the encoder.
  - `cold` mode: `[copy <k>] ` in front of the first line, which is inside
    the embedded title or lead, so every copy is a new text for the encoder
    (a true cold-cache stream: hours at 100k with the embed-everything
    pipeline).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from babelwire.model import PartialDate, RawArticle


def candidate_window_days() -> int:
    """How far back (in days) the store looks for events an article may join."""
    from babelwire.store import sql

    return int(getattr(sql, "CANDIDATE_WINDOW_DAYS", 30))


def _period_days() -> int:
    """Whole weeks, more than the store's candidate window (30 days: 35)."""
    return 7 * math.ceil((candidate_window_days() + 1) / 7)


BASE_DATE = dt.date(2021, 1, 4)  # a Monday; nothing depends on the day itself
PERIOD_DAYS = _period_days()
MODES = ("warm", "cold")
MARKER_HOST = "bench.babelwire.invalid"  # .invalid is reserved: never a real site

DATA_ENV = "BABELWIRE_BENCH_DATA"
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


class DataMissing(Exception):
    """The evaluation data the benchmark reads is not where it was looked for."""


def data_root(explicit: str | None = None) -> Path:
    """--data, else $BABELWIRE_BENCH_DATA, else ../shared/data beside the checkout."""
    return Path(explicit or os.environ.get(DATA_ENV) or DEFAULT_DATA)


def corpus_folder(root: Path, name: str) -> Path:
    folder = root / name
    if not (folder / "docs").is_dir() or not (folder / "gold.tsv").is_file():
        raise DataMissing(
            f"{folder} is not there (it needs docs/ and gold.tsv). The benchmark reads the "
            f"evaluation data at run time and the repository does not ship it: put the shared "
            f"data beside the checkout (../shared/data), or name its folder with --data or "
            f"${DATA_ENV}."
        )
    return folder


@dataclass(frozen=True)
class Source:
    """One article of a dev corpus, as the stream uses it."""

    corpus: str
    raw: RawArticle
    gold: str


def load_corpus(folder: Path) -> list[RawArticle]:
    """The corpus's articles in stream order, as `babelwire eval` reads them."""
    from babelwire.readers import read_paths

    return [item for item in read_paths([str(folder / "docs")]) if isinstance(item, RawArticle)]


def load_gold(folder: Path) -> dict[str, str]:
    from babelwire.evaluate.dataset import load_gold as load

    return load(folder)


def sources(root: Path, corpora: Sequence[str]) -> list[Source]:
    """One copy's worth of articles: the corpora interleaved in proportion."""
    per_corpus = []
    for name in corpora:
        folder = corpus_folder(root, name)
        gold = load_gold(folder)
        articles = [a for a in load_corpus(folder) if a.id in gold]
        per_corpus.append([Source(name, a, gold[str(a.id)]) for a in articles])
    return interleave(per_corpus)


def interleave(groups: Sequence[Sequence[Source]]) -> list[Source]:
    """Merge the groups so that any prefix holds each in proportion to its size."""
    keyed = [
        ((index + 0.5) / len(group), number, index, item)
        for number, group in enumerate(groups)
        for index, item in enumerate(group)
    ]
    keyed.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in keyed]


def copy_date(k: int) -> PartialDate:
    return PartialDate.of(BASE_DATE + dt.timedelta(days=PERIOD_DAYS * k))


def marked_text(text: str, k: int, mode: str) -> str:
    """The text of copy k (see the module docstring); copy 0 is the original."""
    if mode not in MODES:
        raise ValueError(f"unknown stream mode {mode!r}: use one of {', '.join(MODES)}")
    if k == 0:
        return text
    if mode == "warm":
        return f"{text.rstrip()}\n\nhttps://{MARKER_HOST}/copy/{k}"
    return f"[copy {k}] {text.lstrip()}"


def stream_id(source: Source, k: int) -> str:
    return f"{source.corpus}/{source.raw.id}#{k}"


def stream_gold(source: Source, k: int) -> str:
    return f"{source.corpus}/{source.gold}#{k}"


def make_copy(source: Source, k: int, mode: str) -> RawArticle:
    return replace(
        source.raw,
        text=marked_text(source.raw.text, k, mode),
        id=stream_id(source, k),
        date=copy_date(k),
        origin=f"{source.raw.origin}#copy{k}",
        warnings=[],
    )


@dataclass(frozen=True)
class StreamItem:
    position: int  # 0-based place in the stream
    copy: int
    offset: int  # place within its copy
    gold: str
    raw: RawArticle


def build_stream(originals: Sequence[Source], size: int, mode: str) -> Iterator[StreamItem]:
    """The first `size` articles of the long stream, built lazily."""
    if not originals:
        raise ValueError("no articles to build a stream from")
    for position in range(size):
        k, offset = divmod(position, len(originals))
        source = originals[offset]
        yield StreamItem(position, k, offset, stream_gold(source, k), make_copy(source, k, mode))


def check_markers(originals: Sequence[Source], mode: str, sample: int = 40) -> dict[str, object]:
    """Whether copies look to the pipeline as the mode promises, on an even sample.

    warm: the copy's embedding text and names equal the original's while its
    content hash differs; cold: the embedding text differs too.
    """
    from babelwire.pipeline import understand
    from babelwire.represent import embedding_text, extract_names

    step = max(1, len(originals) // sample)
    picked = list(originals[::step])[:sample]
    as_promised = 0
    for source in picked:
        original = understand(make_copy(source, 0, mode))
        copied = understand(make_copy(source, 1, mode))
        same_text = embedding_text(original) == embedding_text(copied)
        same_names = extract_names(f"{original.title or ''}\n{original.text}") == extract_names(
            f"{copied.title or ''}\n{copied.text}"
        )
        new_identity = original.content_hash != copied.content_hash
        if mode == "warm":
            as_promised += same_text and same_names and new_identity
        else:
            as_promised += (not same_text) and new_identity
    return {"mode": mode, "checked": len(picked), "as_promised": as_promised}
