"""babelwire's throughput and scale benchmark (issue 6).

    .venv/bin/python bench/run.py [--sizes 1000,10000,100000]
        [--corpora ecbplus-dev,allsides-dev] [--configs embed-everything[,fast]]
        [--cold all|none|CORPUS,...] [--cold-stream-sizes 1000] [--encoder-texts 100]
        [--data ../shared/data] [--cache DIR] [--seed-cache DIR] [--profile]
        [--out BENCHMARKS.md] [--out bench/results/latest.json]

Measures, in one run on one machine (each measurement in a fresh process):

1. the bundled encoder alone on each corpus's embedding texts (the baseline
   every throughput is divided by, since the machine may be busy);
2. per corpus and configuration: ingest with a cold cache (a fresh, empty
   BABELWIRE_CACHE_DIR), then warm (the same cache again, a fresh store),
   through `babelwire.evaluate.evaluate`, so the quality fields are those of
   `babelwire eval --json`;
3. the long stream built from the corpora (bench/streams.py says how) with a
   warm cache, time per article at each of --sizes; with
   --cold-stream-sizes also cold (every copy a new text for the encoder).

Writes the section "Throughput and scale" of BENCHMARKS.md (replacing it) and
the raw numbers to bench/results/latest.json. The evaluation data is read from
../shared/data at run time; without it the run stops and says so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import configs, machine, report, streams

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUTS = [REPO / "BENCHMARKS.md", REPO / "bench" / "results" / "latest.json"]
CORPORA = ["ecbplus-dev", "allsides-dev"]


def parse_sizes(text: str) -> list[int]:
    """'1000,10k,1e5' → [1000, 10000, 100000]; '' → []."""
    sizes = []
    for part in text.split(","):
        part = part.strip().lower()
        if not part:
            continue
        factor = 1000 if part.endswith("k") else 1
        number = float(part.rstrip("k"))
        if number * factor < 1:
            raise argparse.ArgumentTypeError(f"a size must be at least 1: {part!r}")
        sizes.append(int(number * factor))
    return sorted(set(sizes))


def parse_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Throughput and scale of babelwire's ingest (issue 6).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes("1000,10000,100000"),
        help="checkpoints of the long warm-cache stream (default 1000,10000,100000; '' for none)",
    )
    parser.add_argument(
        "--corpora", type=parse_list, default=CORPORA, help="dev corpora (default both)"
    )
    parser.add_argument(
        "--configs",
        type=parse_list,
        default=[configs.BASELINE],
        help=f"pipeline configurations from bench/configs.py ({', '.join(configs.CONFIGS)}); "
        f"default {configs.BASELINE}",
    )
    parser.add_argument(
        "--cold",
        default="all",
        help="corpora to ingest with a cold cache first: all, none or a list (default all); "
        "the others are measured warm only",
    )
    parser.add_argument(
        "--cold-stream-sizes",
        type=parse_sizes,
        default=[],
        help="checkpoints of a cold-cache long stream (default none: hours at 100k)",
    )
    parser.add_argument(
        "--encoder-texts",
        type=int,
        default=100,
        help="texts per corpus for the raw encoder speed, evenly spread (0: all; default 100)",
    )
    parser.add_argument(
        "--encoder-batches",
        type=parse_sizes,
        default=[1],
        help="batch sizes for the raw encoder (default 1: one text per call, as the pipeline)",
    )
    parser.add_argument("--data", help=f"evaluation data (default ${streams.DATA_ENV} or "
                        "../shared/data)")  # fmt: skip
    parser.add_argument(
        "--cache",
        type=Path,
        help="warm cache to use and keep (default: a temporary one, filled by the cold runs)",
    )
    parser.add_argument(
        "--seed-cache",
        type=Path,
        help="copy the vectors of this cache directory (read only) into the warm cache first; "
        "spares encoder time in warm-only runs, never used for cold figures",
    )
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: temporary)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--no-describe",
        dest="describe",
        action="store_false",
        help="skip timing describe-on-read of every event after each corpus ingest",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run every ingest under cProfile and report the costliest functions "
        "(timings are then inflated: do not compare them with unprofiled runs)",
    )
    parser.add_argument(
        "--out",
        action="append",
        type=Path,
        help="where to write: *.md gets its 'Throughput and scale' section replaced, *.json "
        "the raw numbers (repeatable; default BENCHMARKS.md and bench/results/latest.json)",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        help="measure nothing: render the raw numbers of an earlier run (its latest.json) again",
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for name in args.configs:
        configs.get(name)
    if args.cold == "all":
        args.cold = list(args.corpora)
    elif args.cold == "none":
        args.cold = []
    else:
        args.cold = parse_list(args.cold)
        unknown = set(args.cold) - set(args.corpora)
        if unknown:
            parser.error(f"--cold names corpora not in --corpora: {', '.join(sorted(unknown))}")
    return args


# -- caches --------------------------------------------------------------------


def merge_cache(source: Path, target: Path) -> int:
    """Copy the vectors of one cache directory into another; returns how many it holds."""
    found = source / "vectors.sqlite"
    if not found.is_file():
        return 0
    target.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(target / "vectors.sqlite", timeout=60)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
        db.execute("ATTACH DATABASE ? AS source", (f"file:{found}?mode=ro",))
        with db:
            db.execute("INSERT OR IGNORE INTO vectors SELECT key, vector FROM source.vectors")
        db.execute("DETACH DATABASE source")
        return int(db.execute("SELECT count(*) FROM vectors").fetchone()[0])
    finally:
        db.close()


# -- running measurements -------------------------------------------------------


class Runner:
    def __init__(self, workdir: Path, profile: bool) -> None:
        self.workdir = workdir
        self.profile = profile
        self.count = 0

    def fresh_dir(self, name: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.workdir))

    def run(self, kind: str, label: str, cache_dir: Path | None, **task: Any) -> dict[str, Any]:
        """One measurement in a fresh process; its result, or what went wrong."""
        self.count += 1
        name = f"{self.count:02d}-{label}"
        result_path = self.workdir / f"{name}.result.json"
        task.update(kind=kind, result_path=str(result_path), workdir=str(self.fresh_dir(name)))
        if cache_dir is not None:
            task["cache_dir"] = str(cache_dir)
        if self.profile and kind != "encoder":
            task.update(profile=True, profile_path=str(self.workdir / f"{name}.pstats"))
        task_path = self.workdir / f"{name}.task.json"
        task_path.write_text(json.dumps(task, indent=1), encoding="utf-8")
        env = dict(os.environ)
        if cache_dir is not None:
            env["BABELWIRE_CACHE_DIR"] = str(cache_dir)
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(task_path)],
            env=env,
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=None,
            text=True,
        )
        took = time.perf_counter() - started
        print(f"[bench] {name} done in {took:.0f} s", file=sys.stderr, flush=True)
        if done.returncode != 0 or not result_path.is_file():
            return {"kind": kind, "label": label, "error": f"worker exit {done.returncode}"}
        result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
        result["task_seconds"] = took
        return result


def run_suite(args: argparse.Namespace, stamp: dict[str, Any]) -> dict[str, Any]:
    root = streams.data_root(args.data)
    for corpus in args.corpora:
        streams.corpus_folder(root, corpus)  # fail now, with the message, not mid-run
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="babelwire-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    runner = Runner(workdir, args.profile)
    warm_cache = args.cache or workdir / "cache-warm"
    warm_cache.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "run": stamp,
        "options": {
            "sizes": args.sizes,
            "cold_stream_sizes": args.cold_stream_sizes,
            "corpora": args.corpora,
            "configs": args.configs,
            "cold": args.cold,
            "encoder_texts": args.encoder_texts,
            "encoder_batches": args.encoder_batches,
            "describe": args.describe,
            "profile": args.profile,
            "seed_cache": str(args.seed_cache) if args.seed_cache else None,
        },
        "configs": {
            name: {
                "description": configs.get(name).description,
                "implemented": configs.get(name).implemented,
            }
            for name in args.configs
        },
        "encoder": [],
        "corpus": [],
        "stream": [],
    }
    if args.seed_cache:
        held = merge_cache(args.seed_cache, warm_cache)
        results["options"]["seed_cache_vectors"] = held
    common = {"data": str(root), "describe": args.describe}
    try:
        for corpus in args.corpora:
            results["encoder"].append(
                runner.run(
                    "encoder",
                    f"encoder-{corpus}",
                    None,
                    corpus=corpus,
                    texts=args.encoder_texts,
                    batches=args.encoder_batches,
                    **common,
                )
            )
            for name in args.configs:
                task = {"corpus": corpus, "config": name, **common}
                if corpus in args.cold:
                    cold_cache = runner.fresh_dir(f"cache-cold-{name}-{corpus}")
                    for cache in ("cold", "warm"):
                        results["corpus"].append(
                            runner.run(
                                "corpus",
                                f"{name}-{corpus}-{cache}",
                                cold_cache,
                                cache=cache,
                                **task,
                            )
                        )
                    merge_cache(cold_cache, warm_cache)
                else:
                    results["corpus"].append(
                        runner.run(
                            "corpus", f"{name}-{corpus}-warm", warm_cache, cache="warm", **task
                        )
                    )
        for name in args.configs:
            stream_task = {"config": name, "corpora": args.corpora, **common}
            if args.sizes:
                results["stream"].append(
                    runner.run(
                        "stream",
                        f"{name}-stream-warm",
                        warm_cache,
                        mode="warm",
                        sizes=args.sizes,
                        **stream_task,
                    )
                )
            if args.cold_stream_sizes:
                results["stream"].append(
                    runner.run(
                        "stream",
                        f"{name}-stream-cold",
                        runner.fresh_dir(f"cache-cold-stream-{name}"),
                        mode="cold",
                        sizes=args.cold_stream_sizes,
                        **stream_task,
                    )
                )
    finally:
        results["run"]["loadavg_at_end"] = list(os.getloadavg())
        results["run"]["seconds"] = time.time() - stamp["started"]
        if args.keep or args.workdir:
            print(f"[bench] scratch kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return results


def write_outputs(results: dict[str, Any], outs: list[Path]) -> None:
    # Raw numbers first: a report that fails to render must not lose them.
    for out in sorted(outs, key=lambda path: path.suffix.lower() != ".json"):
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".json":
            out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        else:
            report.replace_section(out, report.render(results))
        print(f"[bench] wrote {out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if args.worker:
        from bench import measure

        measure.run_task(args.worker)
        return 0
    if args.from_json:
        results = json.loads(args.from_json.read_text(encoding="utf-8"))
        write_outputs(results, [o for o in args.out or DEFAULT_OUTS if o.suffix != ".json"])
        return 0
    stamp = machine.stamp(None if argv is None else [sys.argv[0], *argv])
    stamp["started"] = time.time()
    try:
        results = run_suite(args, stamp)
    except streams.DataMissing as missing:
        print(f"bench: {missing}", file=sys.stderr)
        return 2
    write_outputs(results, args.out or DEFAULT_OUTS)
    print(report.render_summary(results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
