"""One measurement, run in a process of its own so that peak RSS is its own.

`bench/run.py` starts `bench/run.py --worker TASK.json` for each measurement;
the worker calls `run_task`, which writes its result as JSON. Three kinds:

- `encoder`: the bundled encoder alone (E5Encoder, no cache) on the
  embedding texts of a corpus's articles, one text per call as the pipeline
  sends them.
- `corpus`: `babelwire.evaluate.evaluate(folder)` (what `babelwire eval
  --json` prints) with an instrumented Pipeline: per-article latency, time
  per stage, peak RSS, store size.
- `stream`: the long stream of bench/streams.py through one store, with a
  checkpoint at every requested size.

One-time start-up costs (lingua's first models, loading the encoder model,
and in warm runs filling any missing cache entries) are paid before the
clock starts and reported apart as `startup_s` / `prewarm`.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import numpy as np

from babelwire.model import RawArticle, Rejection
from babelwire.pipeline import Outcome, Pipeline, Status
from babelwire.store import SQLiteStore
from bench import configs, machine, streams

WARM_UP_ARTICLES = 20
WINDOW = 1000  # articles per window when reading time per article off a stream


# -- process and store figures -------------------------------------------------


def peak_rss_mib() -> float:
    """High-water resident memory of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def store_bytes(path: str) -> dict[str, int]:
    sizes = {}
    for suffix in ("", "-wal", "-shm"):
        name = f"{path}{suffix}"
        sizes["db" + suffix.replace("-", "_")] = (
            os.path.getsize(name) if os.path.exists(name) else 0
        )
    sizes["total"] = sum(sizes.values())
    return sizes


def summary_ms(values: Iterable[float]) -> dict[str, float]:
    """Mean, p50, p99 and max of durations in seconds, as milliseconds."""
    array = np.asarray(list(values), dtype=np.float64) * 1000
    if array.size == 0:
        return {"n": 0, "mean": 0.0, "p50": 0.0, "p99": 0.0, "max": 0.0}
    return {
        "n": int(array.size),
        "mean": float(array.mean()),
        "p50": float(np.percentile(array, 50)),
        "p99": float(np.percentile(array, 99)),
        "max": float(array.max()),
    }


# -- time per stage ------------------------------------------------------------


class Stages:
    """Wall time per pipeline stage, nested: keys are paths such as `decide/candidates`."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.total: defaultdict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()

    def reset(self) -> None:
        self.stack.clear()
        self.total.clear()
        self.calls.clear()

    @contextmanager
    def span(self, name: str) -> Iterator[None]:
        self.stack.append(name)
        key = "/".join(self.stack)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.total[key] += time.perf_counter() - started
            self.calls[key] += 1
            self.stack.pop()

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        if getattr(function, "_bench_stage", None):
            return function

        @wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.span(name):
                return function(*args, **kwargs)

        timed._bench_stage = name  # type: ignore[attr-defined]
        return timed

    def wrap_context(
        self, name: str, factory: Callable[..., AbstractContextManager[Any]]
    ) -> Callable[..., AbstractContextManager[Any]]:
        @contextmanager
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            with self.span(name), factory(*args, **kwargs) as value:
                yield value

        return timed

    def report(self, articles: int) -> list[dict[str, Any]]:
        """Each stage: ms per article in total and in itself (without its sub-stages)."""
        rows = []
        for key in sorted(self.total):
            children = [
                k for k in self.total if k.startswith(key + "/") and "/" not in k[len(key) + 1 :]
            ]
            own = self.total[key] - sum(self.total[k] for k in children)
            rows.append(
                {
                    "stage": key,
                    "calls_per_article": self.calls[key] / articles if articles else 0.0,
                    "ms_per_article": 1000 * self.total[key] / articles if articles else 0.0,
                    "self_ms_per_article": 1000 * own / articles if articles else 0.0,
                }
            )
        return rows


STAGES = Stages()

# Names the pipeline module looks up when it runs: wrapping them there times
# each step of `understand` and `represent` without touching babelwire/.
_MODULE_STAGES = {
    "understand": "understand",
    "clean_text": "clean",
    "split_title": "title",
    "detect_language": "language",
    "infer_date": "date",
    "_content_hash": "hash",
    "embedding_text": "embedding_text",
    "extract_names": "names",
}
_STORE_STAGES = {
    "known": "known",
    "candidates": "candidates",
    "stream_stats": "stream_stats",
    "language_mean": "language_mean",
    "add": "add",
    "_open_event": "open_event",
    "_grow_event": "grow_event",
    "_count": "count_sums",
    "merge": "merge",
}


def install_stages(pipeline: Pipeline) -> None:
    """Time the stages this pipeline goes through (whatever of them exists)."""
    import babelwire.pipeline as module

    for attribute, name in _MODULE_STAGES.items():
        if callable(getattr(module, attribute, None)):
            setattr(module, attribute, STAGES.wrap(name, getattr(module, attribute)))
    for attribute, name in _STORE_STAGES.items():
        if callable(getattr(pipeline.store, attribute, None)):
            setattr(
                pipeline.store, attribute, STAGES.wrap(name, getattr(pipeline.store, attribute))
            )
    pipeline.store.transaction = STAGES.wrap_context(  # type: ignore[method-assign, assignment]
        "transaction", pipeline.store.transaction
    )
    pipeline.represent = STAGES.wrap("represent", pipeline.represent)  # type: ignore[method-assign]
    _time_encoder(pipeline.encoder, "encode")
    if pipeline.aligner is not pipeline.encoder:  # the fast path has one encoder
        _time_encoder(pipeline.aligner, "align")
    linker: Any = pipeline.linker
    if callable(getattr(linker, "decide", None)):
        linker.decide = STAGES.wrap("decide", linker.decide)


def _time_encoder(encoder: Any, name: str) -> None:
    """Time the encoder's calls as `name`, and its model behind the cache as `model`."""
    encoder.encode = STAGES.wrap(name, encoder.encode)
    inner = getattr(encoder, "inner", None)
    if inner is not None and callable(getattr(inner, "encode", None)):
        inner.encode = STAGES.wrap("model", inner.encode)


# -- the instrumented pipeline ---------------------------------------------------


class Probe:
    """What an instrumented pipeline records while it runs."""

    def __init__(self, describe: bool = False) -> None:
        self.describe = describe
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.loop_wall = 0.0
        self.loop_cpu = 0.0
        self.finish: dict[str, Any] = {}


class InstrumentedPipeline(Pipeline):
    """The pipeline of a configuration, timing each article and each stage."""

    def __init__(
        self, store: SQLiteStore, *, probe: Probe, options: dict[str, Any] | None = None
    ) -> None:
        # Article by article (batch 1), so that each article's cost is timed on its own.
        super().__init__(store, **{"batch": 1, **(options or {})})
        self.probe = probe
        install_stages(self)

    def ingest(self, item: RawArticle | Rejection) -> Outcome:
        wall, cpu = time.perf_counter(), time.process_time()
        outcome = super().ingest(item)
        self.probe.wall.append(time.perf_counter() - wall)
        self.probe.cpu.append(time.process_time() - cpu)
        self.probe.statuses[str(outcome.status)] += 1
        return outcome

    def ingest_all(self, items: Iterable[RawArticle | Rejection]) -> Iterator[Outcome]:
        # Reading starts with the first item asked for, so this covers read
        # and ingest, as evaluate()'s own clock does.
        wall, cpu = time.perf_counter(), time.process_time()
        yield from super().ingest_all(items)
        self.probe.loop_wall = time.perf_counter() - wall
        self.probe.loop_cpu = time.process_time() - cpu
        # Still inside evaluate(), before it closes the temporary store.
        self.probe.finish = finish_figures(self, self.probe.describe)


def finish_figures(pipeline: Pipeline, describe: bool) -> dict[str, Any]:
    store = pipeline.store
    figures: dict[str, Any] = {"store_bytes": store_bytes(store.path)}
    encoder: Any = pipeline.encoder
    figures["encoder_hits"] = getattr(encoder, "hits", None)
    figures["encoder_misses"] = getattr(encoder, "misses", None)
    if describe:
        from babelwire.describe.event import describe_event

        started = time.perf_counter()
        events = store.events()
        for event in events:
            describe_event(store, event.id)
        figures["describe"] = {
            "events": len(events),
            "seconds": time.perf_counter() - started,
        }
    return figures


# -- start-up ------------------------------------------------------------------


def warm_up(articles: list[RawArticle], load_model: bool) -> float:
    """Pay one-time costs before the clock starts; returns the seconds spent."""
    from babelwire.pipeline import understand
    from babelwire.represent import E5Encoder, USEEncoder

    started = time.perf_counter()
    for raw in articles[:WARM_UP_ARTICLES]:
        understand(raw)  # lingua loads the models these languages need
    if load_model:
        for encoder in (E5Encoder(), USEEncoder()):  # each loads its model once per process
            encoder.encode(["query: warm-up, not a corpus text"])
    return time.perf_counter() - started


def prewarm_cache(articles: list[RawArticle], cache_dir: Path) -> dict[str, Any]:
    """Put every article's embedding in the cache (untimed) so a warm run is warm."""
    from babelwire.pipeline import understand
    from babelwire.represent import CachedEncoder, E5Encoder, USEEncoder, embedding_text

    started = time.perf_counter()
    encoders = [CachedEncoder(E5Encoder(), cache_dir), CachedEncoder(USEEncoder(), cache_dir)]
    texts = [embedding_text(understand(raw)) for raw in articles]
    for text in texts:
        for cached in encoders:
            cached.encode([text])
    return {
        "texts": len(texts),
        "encoded": sum(cached.misses for cached in encoders),
        "seconds": time.perf_counter() - started,
    }


# -- the three measurements ----------------------------------------------------


def measure_encoder(task: dict[str, Any]) -> dict[str, Any]:
    from babelwire.pipeline import understand
    from babelwire.represent import E5Encoder, embedding_text

    folder = streams.corpus_folder(Path(task["data"]), task["corpus"])
    articles = streams.load_corpus(folder)
    wanted = task["texts"] or len(articles)
    step = max(1, len(articles) // wanted)
    picked = articles[::step][:wanted]
    texts = [embedding_text(understand(raw)) for raw in picked]
    encoder = E5Encoder()
    started = time.perf_counter()
    encoder.encode(["query: warm-up, not a corpus text"])
    load_s = time.perf_counter() - started
    result: dict[str, Any] = {
        "corpus": task["corpus"],
        "texts": len(texts),
        "of_articles": len(articles),
        "words_per_text": float(np.mean([len(t.split()) for t in texts])) if texts else 0.0,
        "model_load_s": load_s,
        "batches": [],
    }
    for batch in task["batches"]:
        wall_times, cpu_total = [], 0.0
        wall_start = time.perf_counter()
        for first in range(0, len(texts), batch):
            chunk = texts[first : first + batch]
            wall, cpu = time.perf_counter(), time.process_time()
            encoder.encode(chunk)
            wall_times.extend([(time.perf_counter() - wall) / len(chunk)] * len(chunk))
            cpu_total += time.process_time() - cpu
        elapsed = time.perf_counter() - wall_start
        result["batches"].append(
            {
                "batch": batch,
                "seconds": elapsed,
                "texts_per_s": len(texts) / elapsed if elapsed else 0.0,
                "texts_per_cpu_s": len(texts) / cpu_total if cpu_total else 0.0,
                "ms_per_text": summary_ms(wall_times),
            }
        )
    result["peak_rss_mib"] = peak_rss_mib()
    return result


def measure_corpus(task: dict[str, Any]) -> dict[str, Any]:
    from babelwire.evaluate import evaluate

    config = configs.get(task["config"])
    folder = streams.corpus_folder(Path(task["data"]), task["corpus"])
    articles = streams.load_corpus(folder)
    cold = task["cache"] == "cold"
    startup_s = warm_up(articles, load_model=cold)
    prewarm = None if cold else prewarm_cache(articles, Path(task["cache_dir"]))
    STAGES.reset()
    probe = Probe(describe=task["describe"])
    profiler = cProfile.Profile() if task.get("profile") else None
    load_before = os.getloadavg()
    if profiler:
        profiler.enable()
    quality = evaluate(
        folder, make_pipeline=InstrumentedPipeline, probe=probe, options=config.options()
    )
    if profiler:
        profiler.disable()
    ingested = probe.statuses[str(Status.INGESTED)]
    result: dict[str, Any] = {
        "corpus": task["corpus"],
        "config": config.name,
        "implemented": config.implemented,
        "cache": task["cache"],
        "articles": ingested,
        "statuses": dict(probe.statuses),
        "seconds": probe.loop_wall,
        "cpu_seconds": probe.loop_cpu,
        "articles_per_s": ingested / probe.loop_wall if probe.loop_wall else 0.0,
        "articles_per_cpu_s": ingested / probe.loop_cpu if probe.loop_cpu else 0.0,
        "read_and_other_s": probe.loop_wall - sum(probe.wall),
        "latency_ms": summary_ms(probe.wall),
        "cpu_ms": summary_ms(probe.cpu),
        "startup_s": startup_s,
        "prewarm": prewarm,
        "stages": STAGES.report(ingested),
        "peak_rss_mib": peak_rss_mib(),
        "loadavg": [load_before, os.getloadavg()],
        "quality": quality,
        **probe.finish,
    }
    if profiler:
        result["profile"] = profile_rows(profiler, ingested, task.get("profile_path"))
    return result


def measure_stream(task: dict[str, Any]) -> dict[str, Any]:
    from babelwire.evaluate.metrics import score

    config = configs.get(task["config"])
    mode = task["mode"]
    originals = streams.sources(Path(task["data"]), task["corpora"])
    markers = streams.check_markers(originals, mode)
    raws = [s.raw for s in originals]
    startup_s = warm_up(raws, load_model=mode == "cold")
    prewarm = prewarm_cache(raws, Path(task["cache_dir"])) if mode == "warm" else None
    STAGES.reset()
    probe = Probe()
    store = SQLiteStore(Path(task["workdir"]) / "stream.db")
    pipeline = InstrumentedPipeline(store, probe=probe, options=config.options())
    sizes = sorted(set(task["sizes"]))
    copy_length = len(originals)
    gold: dict[str, str] = {}
    offsets: list[int] = []
    checkpoints = []
    profiler = cProfile.Profile() if task.get("profile") else None
    load_before = os.getloadavg()
    for item in streams.build_stream(originals, sizes[-1], mode):
        gold[str(item.raw.id)] = item.gold
        offsets.append(item.offset)
        if profiler:
            profiler.enable()
        pipeline.ingest(item.raw)
        if profiler:
            profiler.disable()
        n = item.position + 1
        if n in sizes:
            checkpoints.append(checkpoint(n, probe, offsets, copy_length, store, pipeline))
            predicted = {a: e.id for e in store.events() for a in e.article_ids}
            checkpoints[-1]["quality"] = score(predicted, gold)
            print(_progress(task, checkpoints[-1]), flush=True, file=sys.stderr)
    result: dict[str, Any] = {
        "config": config.name,
        "implemented": config.implemented,
        "mode": mode,
        "corpora": task["corpora"],
        "copy_length": copy_length,
        "period_days": streams.PERIOD_DAYS,
        "candidate_window_days": streams.candidate_window_days(),
        "base_date": streams.BASE_DATE.isoformat(),
        "markers": markers,
        "startup_s": startup_s,
        "prewarm": prewarm,
        "checkpoints": checkpoints,
        "stages": STAGES.report(len(probe.wall)),
        "peak_rss_mib": peak_rss_mib(),
        "loadavg": [load_before, os.getloadavg()],
    }
    if profiler:
        result["profile"] = profile_rows(profiler, len(probe.wall), task.get("profile_path"))
    store.close()
    return result


def checkpoint(
    n: int,
    probe: Probe,
    offsets: list[int],
    copy_length: int,
    store: SQLiteStore,
    pipeline: Pipeline,
) -> dict[str, Any]:
    """Figures for the first n articles of the stream; the clock is not running."""
    wall = np.asarray(probe.wall[:n])
    cpu = np.asarray(probe.cpu[:n])
    window = min(WINDOW, n)
    recent = slice(n - window, n)
    # The same places within copy 0: the workload of a copy changes along it
    # (its live events grow), so this is what the window would cost in a
    # store holding nothing but copy 0 so far.
    same_places = np.asarray(offsets[recent])
    encoder: Any = pipeline.encoder
    return {
        "articles": n,
        "copies": n / copy_length,
        "seconds": float(wall.sum()),
        "cpu_seconds": float(cpu.sum()),
        "articles_per_s": n / float(wall.sum()) if wall.sum() else 0.0,
        "ms_per_article": 1000 * float(wall.mean()),
        "cpu_ms_per_article": 1000 * float(cpu.mean()),
        "window": window,
        "window_latency_ms": summary_ms(wall[recent]),
        "window_cpu_ms": summary_ms(cpu[recent]),
        "copy0_same_places_ms": 1000 * float(wall[same_places].mean()),
        "copy0_same_places_cpu_ms": 1000 * float(cpu[same_places].mean()),
        "statuses": dict(probe.statuses),
        "peak_rss_mib": peak_rss_mib(),
        "store_bytes": store_bytes(store.path),
        "encoder_hits": getattr(encoder, "hits", None),
        "encoder_misses": getattr(encoder, "misses", None),
    }


def _progress(task: dict[str, Any], point: dict[str, Any]) -> str:
    return (
        f"  stream {task['config']} {task['mode']}: {point['articles']} articles, "
        f"{point['ms_per_article']:.1f} ms/article, last {point['window']}: "
        f"{point['window_latency_ms']['mean']:.1f} ms, RSS {point['peak_rss_mib']:.0f} MiB"
    )


def profile_rows(
    profiler: cProfile.Profile, articles: int, path: str | None, top: int = 25
) -> list[dict[str, Any]]:
    """The functions that cost the most in themselves, per article."""
    stats = pstats.Stats(profiler)
    if path:
        stats.dump_stats(path)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in raw.items():
        rows.append(
            {
                "function": f"{_short(filename)}:{line}({function})",
                "calls_per_article": calls / max(articles, 1),
                "self_ms_per_article": 1000 * own / max(articles, 1),
                "cumulative_ms_per_article": 1000 * cumulative / max(articles, 1),
            }
        )
    rows.sort(key=lambda r: -r["self_ms_per_article"])
    return rows[:top]


def _short(filename: str) -> str:
    for marker in ("site-packages/", "babelwire/", "lib/python3"):
        if marker in filename:
            return filename[filename.index(marker) :]
    return filename


TASKS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "encoder": measure_encoder,
    "corpus": measure_corpus,
    "stream": measure_stream,
}


def run_task(task_path: Path) -> None:
    task = json.loads(task_path.read_text(encoding="utf-8"))
    code = machine.code_fingerprint()  # the code this process imported, near enough
    result = TASKS[task["kind"]](task)
    result["code"] = code
    Path(task["result_path"]).write_text(json.dumps(result, indent=1), encoding="utf-8")
