"""Workers on the queue: how ingest scales with them, and how long an article waits.

    .venv/bin/python bench/queue_scaling.py [--workers 1,2,4,8,16,32] [--skip-real] [--json]

Each run has a fresh database on a throwaway PostgreSQL server (started as the
tests start one: tests/postgres_server.py), real `babelwire worker` processes
started first and left to register, then the articles queued; throughput is
read from the times the articles were linked (`queued_articles.done_at`),
between the 10th and the 90th percentile, so that starting and draining do
not count. Three measurements:

1. real: 1 worker against 2, each with one encoder thread (OMP_NUM_THREADS=1)
   and a cold embedding cache, on the three cross-lingual sets (155 articles
   in 9 languages) and, with `--articles N`, real news from
   ../shared/data/semeval22-dev after them up to N (a run long enough that
   each worker's start, its models and each language's lemma dictionary
   loaded once, counts for little): articles a second, and the ratio (the
   bar: 1.8).
2. simulated: the real encoders' time per article is measured on a sample
   (e5, and USE where it is aligned, one thread); then 1, 2, 4 ... 32 workers
   whose encoder is a stand-in that sleeps that long (bench/queue_worker.py)
   work a made-up stream (tests/queue/stream.py). The sleeping workers stand
   for workers on as many machines; what they still spend on this machine
   (cleaning, names, linking) is shared by its cores, and the single linker
   (the link lock) is shared by all: where throughput stops growing, one of
   the two is saturated: each run says how busy the link lock was (sampled
   20 times a second), how long it was held an article (busy share over
   articles a second), and the workers' CPU seconds an article. With
   `--rebuilt-too`, each count of workers runs twice, in turns: as it is, and
   with each worker reading its index of live events anew whenever another
   has committed (as before issue 15; bench/queue_worker.py).
3. latency: enqueue to linked (p50, p99) with 4 stand-in workers, articles
   queued one by one at half the throughput measured for 4.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):  # run as a script: make `bench` and `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.machine import REPO, stamp
from tests.postgres_server import Server, binaries
from tests.queue.stream import write_stream

CROSSLINGUAL = [
    REPO / "bench" / name / "docs" for name in ("crosslingual", "crosslingual2", "crosslingual3")
]
CROSSLINGUAL_ARTICLES = 155
SEMEVAL = REPO.parent / "shared" / "data" / "semeval22-dev" / "docs"
BABELWIRE = [str(Path(sys.executable).with_name("babelwire"))]
STAND_IN = [sys.executable, str(REPO / "bench" / "queue_worker.py")]
DONE = "state IN ('linked', 'copy', 'known', 'rejected', 'failed')"
SIMULATED_SECONDS = 25  # of steady work each simulated run aims at


class Run:
    """Workers on one fresh database, stopped whatever happens."""

    def __init__(self, server: Server, env: dict[str, str]) -> None:
        self.url = server.new_database()
        self.env = os.environ | env
        self.workers: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> Run:
        return self

    def cpu_seconds(self) -> float:
        """CPU time the workers have used so far (user + system, all their threads)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for worker in self.workers:
            fields = Path(f"/proc/{worker.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def __exit__(self, *_: object) -> None:
        for worker in self.workers:
            worker.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()

    def start(self, command: list[str], count: int) -> None:
        """`count` workers, waited for until each has registered."""
        self._babelwire("queue")  # makes the queue's tables once, before the crowd
        for _ in range(count):
            self.workers.append(
                subprocess.Popen(
                    [*command, "worker", "--db", self.url],
                    env=self.env,
                    cwd=REPO,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        deadline = time.monotonic() + 300
        while self._value("SELECT count(*) FROM queue_workers") < count:
            if time.monotonic() > deadline:
                raise SystemExit(f"only some of the {count} workers started")
            time.sleep(0.5)

    def queue(self, *paths: str) -> None:
        self._babelwire("ingest", *paths, "--queue")

    def queued(self) -> int:
        return self._value("SELECT count(*) FROM queued_articles")

    def wait(self, total: int, timeout: float = 1800) -> None:
        deadline = time.monotonic() + timeout
        while self._value(f"SELECT count(*) FROM queued_articles WHERE {DONE}") < total:
            if time.monotonic() > deadline:
                raise SystemExit(f"{total} articles not done after {timeout} s")
            time.sleep(0.5)

    def throughput(self) -> float:
        """Articles a second between the 10th and 90th percentile of the linking times."""
        done = np.sort(
            self._column(f"SELECT extract(epoch FROM done_at) FROM queued_articles WHERE {DONE}")
        )
        first, last = int(0.1 * len(done)), int(0.9 * len(done))
        return (last - first) / float(done[last] - done[first])

    def latencies(self) -> np.ndarray:
        return self._column(
            f"SELECT extract(epoch FROM done_at - enqueued_at) FROM queued_articles WHERE {DONE}"
        )

    def _babelwire(self, *args: str) -> None:
        subprocess.run(
            [*BABELWIRE, *args, "--db", self.url],
            env=self.env,
            check=True,
            capture_output=True,
            cwd=REPO,
        )

    def _value(self, sql: str) -> int:
        import psycopg

        try:
            with psycopg.connect(self.url) as connection:
                return int(connection.execute(sql).fetchone()[0])
        except psycopg.errors.UndefinedTable:
            return 0

    def _column(self, sql: str) -> np.ndarray:
        import psycopg

        with psycopg.connect(self.url) as connection:
            return np.array([float(row[0]) for row in connection.execute(sql)])


def real_stream(articles: int) -> list[str]:
    """The cross-lingual sets, then semeval22-dev's articles in name order up to `articles`."""
    paths = [str(folder) for folder in CROSSLINGUAL]
    more = articles - CROSSLINGUAL_ARTICLES
    if more > 0:
        if not SEMEVAL.is_dir():
            sys.exit(f"--articles {articles} reads {SEMEVAL}, which is absent: omit --articles")
        paths += [str(path) for path in sorted(SEMEVAL.glob("*.txt"))[:more]]
    return paths


def real(server: Server, workers: int, paths: list[str]) -> dict[str, float]:
    """Articles a second of `workers` real workers, one encoder thread each, cold cache;
    and the CPU seconds they spent an article (starting included), which other
    processes on a shared machine disturb less."""
    with tempfile.TemporaryDirectory() as cache:
        env = {
            "OMP_NUM_THREADS": "1",
            "BABELWIRE_CACHE_DIR": cache,
            "BABELWIRE_CONSOLIDATE_EVERY": "0",
        }
        with Run(server, env) as run:
            run.start(BABELWIRE, workers)
            run.queue(*paths)
            total = run.queued()
            run.wait(total)
            return {
                "articles": total,
                "per_second": round(run.throughput(), 2),
                "cpu_s_per_article": round(run.cpu_seconds() / total, 3),
            }


def encode_seconds(sample: int = 40) -> float:
    """The real encoders' mean time per article, one thread, no cache."""
    os.environ["OMP_NUM_THREADS"] = "1"
    from babelwire.pipeline import understand
    from babelwire.readers import read_paths
    from babelwire.represent import ALIGNED_LANGUAGES, E5Encoder, USEEncoder, embedding_text

    e5, use = E5Encoder(), USEEncoder()
    articles = [understand(raw) for raw in read_paths([str(p) for p in CROSSLINGUAL])]
    leads = [(embedding_text(a), a.lang in ALIGNED_LANGUAGES) for a in articles[:sample]]
    e5.encode([leads[0][0]]), use.encode([leads[0][0]])  # loading is not encoding
    started = time.perf_counter()
    for lead, aligned in leads:
        e5.encode([lead])
        if aligned:
            use.encode([lead])
    return (time.perf_counter() - started) / len(leads)


def simulated(
    server: Server, workers: int, seconds: float, guess: float, rebuilt: bool = False
) -> dict[str, Any]:
    """Throughput of `workers` stand-in workers, on enough articles for a steady run."""
    articles = int(min(max(150, guess * SIMULATED_SECONDS), 3000))
    env = {"REBUILD_LIVE_INDEX": "1"} if rebuilt else {}
    with tempfile.TemporaryDirectory() as folder, Run(server, env) as run:
        feed = Path(folder) / "stream.jsonl"
        write_stream(feed, articles)
        run.start([*STAND_IN, str(seconds)], workers)
        load, cpu = os.getloadavg()[0], run.cpu_seconds()
        with LockWatch(run.url) as lock:
            run.queue(str(feed))
            run.wait(articles)
        per_second = run.throughput()
        return {
            "workers": workers,
            "live_index": "rebuilt" if rebuilt else "caught up",
            "articles": articles,
            "per_second": round(per_second, 2),
            "link_lock_busy": round(lock.busy(), 2),
            "link_lock_ms_per_article": round(1000 * lock.busy() / per_second, 1),
            "cpu_s_per_article": round((run.cpu_seconds() - cpu) / articles, 3),
            "load_before": round(load, 1),
        }


class LockWatch:
    """Samples, 20 times a second, whether anyone holds the link lock: the share
    of samples in which someone did is how busy the single linker was."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.samples: list[bool] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> LockWatch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def busy(self) -> float:
        return sum(self.samples) / max(1, len(self.samples))

    def _watch(self) -> None:
        import psycopg

        from babelwire.store.postgres import LINK_LOCK

        with psycopg.connect(self.url, autocommit=True) as connection:
            while not self._stop.wait(0.05):
                held = connection.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND classid::bigint = %s AND objid::bigint = %s AND objsubid = 1",
                    (LINK_LOCK >> 32, LINK_LOCK & 0xFFFFFFFF),
                ).fetchone()[0]
                self.samples.append(bool(held))


def latency(server: Server, seconds: float, rate: float, articles: int = 300) -> dict[str, Any]:
    """Enqueue to linked, articles queued one by one at `rate` a second, 4 stand-in workers."""
    from babelwire.queue.enqueue import QueueWriter
    from babelwire.readers import read_paths
    from babelwire.store.queue import open_queue

    with tempfile.TemporaryDirectory() as folder, Run(server, {}) as run:
        feed = Path(folder) / "stream.jsonl"
        write_stream(feed, articles)
        run.start([*STAND_IN, str(seconds)], 4)
        writer = QueueWriter(open_queue(run.url))
        started = time.monotonic()
        for number, item in enumerate(read_paths([str(feed)])):
            time.sleep(max(0.0, started + number / rate - time.monotonic()))
            writer.put(item)
        writer.close()
        run.wait(articles)
        waited = run.latencies()
    return {
        "rate": round(rate, 1),
        "articles": articles,
        "p50_s": round(float(np.percentile(waited, 50)), 2),
        "p99_s": round(float(np.percentile(waited, 99)), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="1,2,4,8,16,32")
    parser.add_argument("--skip-real", action="store_true", help="no real-encoder runs")
    parser.add_argument(
        "--articles", type=int, default=CROSSLINGUAL_ARTICLES, help="articles of the real runs"
    )
    parser.add_argument("--skip-simulated", action="store_true", help="only the real-encoder runs")
    parser.add_argument(
        "--rebuilt-too", action="store_true", help="each simulated run also as before issue 15"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = binaries()
    if folder is None:
        sys.exit("no PostgreSQL server binaries (initdb, pg_ctl): install postgresql")
    server = Server.start(folder, max_connections=1000)
    result: dict[str, Any] = {"stamp": stamp(), "load_at_start": os.getloadavg()[0]}
    try:
        if not args.skip_real:
            result["real"] = compare_real(server, real_stream(args.articles))
        if not args.skip_simulated:
            counts = [int(n) for n in args.workers.split(",")]
            result |= scale_out(server, counts, args.rebuilt_too)
    finally:
        server.stop()
    print(json.dumps(result, indent=2) if args.json else "")


def compare_real(server: Server, paths: list[str]) -> dict[str, Any]:
    one, two = real(server, 1, paths), real(server, 2, paths)
    ratio = round(two["per_second"] / one["per_second"], 2)
    compared = {"one": one, "two": two, "ratio": ratio, "load": os.getloadavg()[0]}
    _show(compared)
    return compared


def scale_out(server: Server, counts: list[int], rebuilt_too: bool = False) -> dict[str, Any]:
    seconds = encode_seconds()
    _show({"encode_seconds": round(seconds, 3)})
    series = []
    for number, workers in enumerate(counts):
        # Which goes first alternates, so a change of load weighs on both alike.
        ways = [False, True] if rebuilt_too else [False]
        for rebuilt in ways if number % 2 == 0 else ways[::-1]:
            series.append(simulated(server, workers, seconds, workers / seconds, rebuilt))
            _show(series[-1])
    caught_up = [run for run in series if run["live_index"] == "caught up"]
    four = next((run["per_second"] for run in caught_up if run["workers"] == 4), 4 / seconds)
    waited = latency(server, seconds, rate=four / 2)
    _show(waited)
    return {"encode_seconds": round(seconds, 3), "simulated": series, "latency": waited}


def _show(row: dict[str, Any]) -> None:
    print(json.dumps(row), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
