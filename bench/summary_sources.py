"""How many of an event's articles its summary cites, on stories told in several languages.

    .venv/bin/python bench/summary_sources.py

Events: each story of `bench/crosslingual` (four articles, four languages) and
the three seeds (../shared/seeds, one story from three outlets) when present,
read as `babelwire ingest` reads them. For each: the articles cited, the
sentences in another language than the headline's, and the summary's length.
To compare with another checkout, run this file with that checkout's
`babelwire` first on `sys.path`.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babelwire.describe.headline import headline_language
from babelwire.describe.summary import build_summary
from babelwire.model import Article
from babelwire.pipeline import understand
from babelwire.readers import read_file

BENCH = Path(__file__).resolve().parent
SEEDS = BENCH.parents[1] / "shared" / "seeds"


def stories() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = defaultdict(list)
    for path in sorted((BENCH / "crosslingual" / "docs").glob("*.txt")):
        found[path.name.split("_")[0]].append(path)
    if SEEDS.is_dir():
        found["seeds"] = sorted(SEEDS.glob("*.txt"))
    return found


def cited(paths: list[Path]) -> tuple[int, int, int, int]:
    """Articles, articles cited, sentences in another language, sentences."""
    articles: list[Article] = [understand(next(read_file(p))) for p in paths]  # type: ignore[misc]
    lang = headline_language(a.lang for a in articles)
    summary = build_summary(articles, lang)
    foreign = sum(s["lang"] != lang for s in summary)
    return len(articles), len({s["article_id"] for s in summary}), foreign, len(summary)


def main() -> None:
    print("| story | articles | cited | sentences in another language | sentences |")
    print("| --- | --- | --- | --- | --- |")
    several = 0
    for name, paths in stories().items():
        total, cites, foreign, length = cited(paths)
        several += cites > 1
        print(f"| {name} | {total} | {cites} | {foreign} | {length} |")
    print(f"\nsummaries citing more than one article: {several} of {len(stories())}")


if __name__ == "__main__":
    main()
