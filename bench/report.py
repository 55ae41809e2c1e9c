"""The results of a run as the "Throughput and scale" section of BENCHMARKS.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bench import configs, streams

HEADING = "## Throughput and scale"
GOAL_SPEEDUP = 10.0
GOAL_F1_DELTA = 0.01
GOAL_FLAT = 1.2
GOAL_RSS_MIB = 1024.0
SCALE_SIZE = 100_000


def replace_section(path: Path, section: str) -> None:
    """Put `section` in place of the file's own (from its heading to the next `## `)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(replaced(text, section), encoding="utf-8")


def replaced(text: str, section: str) -> str:
    section = section.strip() + "\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == HEADING), None)
    if start is None:
        return text.rstrip() + "\n\n" + section
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"## (?!#)", lines[i])), len(lines)
    )
    after = "".join(lines[end:])
    return "".join(lines[:start]) + section + ("\n" + after if after else "")


# -- formatting --------------------------------------------------------------------


def _f(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _config_label(name: str, results: dict[str, Any]) -> str:
    implemented = results.get("configs", {}).get(name, {}).get("implemented", True)
    return name if implemented else f"{name} (no-op hook)"


def _encoder_rate(results: dict[str, Any], corpus: str, cpu: bool = False) -> float | None:
    for entry in results.get("encoder", []):
        if entry.get("corpus") == corpus and entry.get("batches"):
            single = next((b for b in entry["batches"] if b["batch"] == 1), entry["batches"][0])
            return float(single["texts_per_cpu_s" if cpu else "texts_per_s"])
    return None


def _ok(entry: dict[str, Any]) -> bool:
    return "error" not in entry


def _kib_per_article(entry: dict[str, Any], articles: int) -> str:
    total = entry.get("store_bytes", {}).get("total")
    return _f(total / 1024 / articles) if total and articles else "-"


# -- the section ---------------------------------------------------------------------


def render(results: dict[str, Any]) -> str:
    parts = [HEADING, "", _preamble(results), *_warnings(results)]
    for title, body in [
        ("Dev corpora: end-to-end ingest against the raw encoder", _corpus_section(results)),
        ("Quality of the configurations measured", _quality_section(results)),
        ("Where the time goes", _stages_section(results)),
        ("Long stream: time per article as the store grows", _stream_section(results)),
        ("Issue 6 goal", _goal_section(results)),
        ("How the suite measures", _method_section(results)),
    ]:
        parts += ["", f"### {title}", "", body]
    return "\n".join(parts) + "\n"


def _warnings(results: dict[str, Any]) -> list[str]:
    entries = [e for key in ("encoder", "corpus", "stream") for e in results[key]]
    lines = []
    codes = {e.get("code") for e in entries} - {None}
    if len(codes) > 1:
        lines += [
            "",
            f"**Warning:** babelwire/ changed while this run went on ({len(codes)} versions of "
            "its sources were measured; `code` in latest.json says which row ran which), so "
            "rows may not be comparable with each other.",
        ]
    failed = [e for e in entries if not _ok(e)]
    if failed:
        lines += [
            "",
            "**Failed measurements:** " + ", ".join(f"{e['label']} ({e['error']})" for e in failed),
        ]
    return lines


def _preamble(results: dict[str, Any]) -> str:
    run = results["run"]
    m = run["machine"]
    git = run.get("git", {})
    modified = git.get("modified_files")
    tree = f"commit {git.get('commit')}" + (f" with {modified} modified files" if modified else "")
    load = run.get("loadavg_at_start", [None])[0]
    load_end = run.get("loadavg_at_end", [None])[0]
    return (
        f"Reproduce with `{run['command']}` (all options: `--help`; `make bench` runs the "
        f"defaults: 1k/10k/100k, both corpora cold, hours on two cores).\n\n"
        f"Every row below comes from this one run: {run['date']}, "
        f"{_f(run.get('seconds', 0.0), 0)} s, "
        f"on {m['cores']} cores, {m['ram_gib']} GiB RAM, {m['cpu']}, Python {m['python']}, "
        f"{tree}. Load average {_f(load, 1)} at the start and {_f(load_end, 1)} at the end on "
        f"{m['cores']} cores: the machine was shared, so absolute speeds are noisy; read the "
        f"ratios, each against a baseline measured in the same run (the raw encoder, or the "
        f"first stream checkpoint), and the CPU-time columns, which other processes disturb less."
    )


def _corpus_section(results: dict[str, Any]) -> str:
    encoder_rows = []
    for entry in results["encoder"]:
        if not _ok(entry):
            continue
        for batch in entry["batches"]:
            encoder_rows.append(
                [
                    entry["corpus"],
                    f"{entry['texts']} of {entry['of_articles']}",
                    _f(entry["words_per_text"], 0),
                    _f(batch["batch"]),
                    _f(batch["texts_per_s"], 2),
                    _f(batch["texts_per_cpu_s"], 2),
                    _f(batch["ms_per_text"]["p50"], 0),
                    _f(entry["model_load_s"], 1),
                    _f(entry["peak_rss_mib"], 0),
                ]
            )
    encoder = _table(
        [
            "corpus",
            "texts",
            "words/text",
            "batch",
            "texts/s",
            "texts/CPU-s",
            "p50 ms/text",
            "model load s",
            "peak RSS MiB",
        ],
        encoder_rows,
    )
    rows = []
    for entry in results["corpus"]:
        if not _ok(entry):
            continue
        rate = _encoder_rate(results, entry["corpus"])
        cpu_rate = _encoder_rate(results, entry["corpus"], cpu=True)
        misses = entry.get("encoder_misses")
        rows.append(
            [
                entry["corpus"],
                _config_label(entry["config"], results),
                entry["cache"],
                _f(entry["articles"]),
                _f(entry["articles_per_s"], 2),
                _f(entry["articles_per_s"] / rate, 2) if rate else "-",
                _f(1000 * entry["cpu_seconds"] / max(entry["articles"], 1), 1),
                _f(entry["articles_per_cpu_s"] / cpu_rate, 2) if cpu_rate else "-",
                _f(entry["latency_ms"]["p50"], 1),
                _f(entry["latency_ms"]["p99"], 1),
                _f(entry["peak_rss_mib"], 0),
                _f(entry["store_bytes"]["total"] / 2**20, 1),
                _kib_per_article(entry, entry["articles"]),
                _f(misses),
            ]
        )
    table = _table(
        [
            "corpus",
            "config",
            "cache",
            "articles",
            "articles/s",
            "x encoder",
            "CPU ms/article",
            "x encoder (CPU)",
            "p50 ms",
            "p99 ms",
            "peak RSS MiB",
            "store MiB",
            "KiB/article",
            "encoded",
        ],
        rows,
    )
    describe_rows = [
        [
            e["corpus"],
            _config_label(e["config"], results),
            e["cache"],
            _f(e["describe"]["events"]),
            _f(e["describe"]["seconds"], 1),
            _f(1000 * e["describe"]["seconds"] / max(e["articles"], 1), 1),
        ]
        for e in results["corpus"]
        if _ok(e) and e.get("describe")
    ]
    parts = [
        "The bundled encoder alone (E5Encoder, no cache), on the embedding texts "
        "(title + first 150 words) of an even sample of each corpus, after loading the model:",
        "",
        encoder,
        "",
        "Ingest through `evaluate()`, the code behind `babelwire eval`: read, clean, title, "
        "language, date, content hash, embed (through the cache), names, link, store. "
        "*articles/s* is wall time from the first read to the last stored article; "
        "*x encoder* divides it by the raw encoder's texts/s above (1.0 = as fast as embedding "
        "alone); *p50/p99* are per-article latencies in the stream; *encoded* counts the texts "
        "the encoder computed (cache misses).",
        "",
        table,
    ]
    if describe_rows:
        parts += [
            "",
            "Describe-on-read (not in the ingest figures): describing every event once "
            "after the ingest (entities, figures, timeline, summary, sources), as the event "
            "pages do on first view:",
            "",
            _table(
                ["corpus", "config", "cache", "events", "seconds", "ms per ingested article"],
                describe_rows,
            ),
        ]
    return "\n".join(parts)


def _quality_section(results: dict[str, Any]) -> str:
    rows = []
    for entry in results["corpus"]:
        if not _ok(entry):
            continue
        q = entry["quality"]
        rows.append(
            [
                entry["corpus"],
                _config_label(entry["config"], results),
                entry["cache"],
                *(_f(q[k], 3) for k in ("bcubed_p", "bcubed_r", "bcubed_f1")),
                *(_f(q[k], 3) for k in ("pairwise_p", "pairwise_r", "pairwise_f1")),
                _f(q["n_pred"]),
                _f(q["n_gold"]),
            ]
        )
    return (
        "The `babelwire eval --json` fields of the same ingests (cold and warm runs must "
        "agree: the cache returns the vectors the encoder computed):\n\n"
        + _table(
            [
                "corpus",
                "config",
                "cache",
                "BCubed P",
                "BCubed R",
                "BCubed F1",
                "pairwise P",
                "pairwise R",
                "pairwise F1",
                "events",
                "gold events",
            ],
            rows,
        )
    )


def _stage_label(stage: str) -> str:
    depth = stage.count("/")
    return "&nbsp;&nbsp;" * depth + stage.rsplit("/", 1)[-1]


def _stages_section(results: dict[str, Any]) -> str:
    runs = [e for e in results["corpus"] if _ok(e)]
    runs += [
        {**e, "corpus": f"stream {e['checkpoints'][-1]['articles']:,}", "cache": e["mode"]}
        for e in results["stream"]
        if _ok(e) and e.get("checkpoints")
    ]
    if not runs:
        return "Nothing measured."
    stages: list[str] = []
    for entry in runs:
        for row in entry["stages"]:
            if row["stage"] not in stages:
                stages.append(row["stage"])
    stages.sort()
    several = len({e["config"] for e in runs}) > 1  # then say which configuration ran
    header = ["stage (ms per article)"] + [
        f"{e['corpus']} {e['config'] + ' ' if several else ''}{e['cache']}" for e in runs
    ]
    rows = []
    for stage in stages:
        cells = [_stage_label(stage)]
        for entry in runs:
            found = next((r for r in entry["stages"] if r["stage"] == stage), None)
            cells.append(_f(found["ms_per_article"], 2) if found else "")
        rows.append(cells)
    latency = ["**per-article latency**"]
    for entry in runs:
        if "latency_ms" in entry:
            latency.append(_f(entry["latency_ms"]["mean"], 2))
        else:
            latency.append(_f(entry["checkpoints"][-1]["ms_per_article"], 2))
    rows.append(latency)
    text = (
        "Wall time per article in each step, from timers wrapped around the pipeline's own "
        "functions (indented: the part of the line above spent in a sub-step; `model` is the "
        "encoder proper, `encode` minus `model` the cache; `transaction` holds `decide` and "
        "`add`, and its own remainder is SQLite's BEGIN/COMMIT). Reading the files is not in "
        "the per-article latency.\n\n" + _table(header, rows)
    )
    profiled = [e for e in runs if e.get("profile")]
    for entry in profiled[:2]:
        text += (
            f"\n\ncProfile, {entry['corpus']} {entry['cache']}: the functions that cost the most "
            "in themselves (profiling inflates every figure):\n\n"
            + _table(
                ["function", "calls/article", "self ms/article", "cumulative ms/article"],
                [
                    [
                        f"`{r['function']}`",
                        _f(r["calls_per_article"], 1),
                        _f(r["self_ms_per_article"], 2),
                        _f(r["cumulative_ms_per_article"], 2),
                    ]
                    for r in entry["profile"][:12]
                ],
            )
        )
    return text


def _stream_section(results: dict[str, Any]) -> str:
    streams_run = [e for e in results["stream"] if _ok(e)]
    if not streams_run:
        return "Not run in this run (`--sizes ''`)."
    first = streams_run[0]
    intro = (
        f"The long stream repeats the dev corpora ({', '.join(first['corpora'])}; one copy = "
        f"{first['copy_length']:,} articles, the corpora interleaved in proportion). Copy k is "
        f"dated {first['base_date']} + {first['period_days']}·k days, every article of a copy "
        f"on that one day; {first['period_days']} days is more than the store's "
        f"{first.get('candidate_window_days', 30)}-day candidate window, so a copy's events "
        "have gone quiet before the next copy starts and each copy forms new events (its gold "
        "events are the originals' with `#k` appended). "
        "Article ids become `<corpus>/<id>#<k>`. Copy k > 0 differs from the original only by "
        f"a last paragraph holding the URL `https://{streams.MARKER_HOST}/copy/<k>` (warm "
        "stream): a lone URL is page furniture that cleaning drops, so the content hash "
        "changes (a new article) while cleaned text, title, language, names and embedding text "
        "stay the original's and the warm cache serves every copy; the warm stream thus times "
        "everything but the encoder. The cold stream instead puts `[copy <k>] ` in front of the "
        "first line, inside the embedded title/lead, so every copy is encoded.\n\n"
        "*ms/article* is the mean over the whole stream so far, *last N* over the last N "
        "(≤ 1,000) articles before the checkpoint; *x first* divides *last N* by the first "
        "checkpoint's; *x copy 0* divides it by the time the articles at the same places "
        "within copy 0 took (a copy's own work grows along it as its events accumulate, so this "
        "is the fair ratio: 1.0 means the store's growth costs nothing). BCubed F1 is against "
        "the stream's gold (copies as new events)."
    )
    rows = []
    checks: list[str] = []
    for entry in streams_run:
        base = entry["checkpoints"][0]["window_latency_ms"]["mean"] if entry["checkpoints"] else 0
        marker = entry.get("markers", {})
        for point in entry["checkpoints"]:
            window = point["window_latency_ms"]["mean"]
            rows.append(
                [
                    _config_label(entry["config"], results),
                    entry["mode"],
                    _f(point["articles"]),
                    _f(point["copies"], 2),
                    _f(point["articles_per_s"], 1),
                    _f(point["ms_per_article"], 1),
                    _f(window, 1),
                    _f(window / base, 2) if base else "-",
                    _f(window / point["copy0_same_places_ms"], 2),
                    _f(point["window_cpu_ms"]["mean"], 1),
                    _f(point["window_cpu_ms"]["mean"] / point["copy0_same_places_cpu_ms"], 2),
                    _f(point["window_latency_ms"]["p50"], 1),
                    _f(point["window_latency_ms"]["p99"], 1),
                    _f(point["peak_rss_mib"], 0),
                    _f(point["store_bytes"]["total"] / 2**20, 0),
                    _f(point["quality"]["bcubed_f1"], 3),
                    _f(point["encoder_misses"]),
                ]
            )
        checks.append(
            f"{entry['mode']} stream: {marker.get('as_promised')} of {marker.get('checked')} "
            "sampled copies looked to the pipeline as promised"
        )
    return (
        intro
        + "\n\n"
        + _table(
            [
                "config",
                "cache",
                "articles",
                "copies",
                "articles/s",
                "ms/article",
                "last N ms/article",
                "x first",
                "x copy 0",
                "last N CPU ms",
                "CPU x copy 0",
                "p50 ms",
                "p99 ms",
                "peak RSS MiB",
                "store MiB",
                "BCubed F1",
                "encoded",
            ],
            rows,
        )
        + "\n\nMarker check (bench/streams.py `check_markers`, on an even sample): "
        + "; ".join(checks)
        + "."
    )


def goal_rows(results: dict[str, Any]) -> list[list[str]]:
    rows = []
    by_key = {(e["corpus"], e["config"], e["cache"]): e for e in results["corpus"] if _ok(e)}
    fast = results.get("configs", {}).get(configs.FAST)
    for corpus in results["options"]["corpora"]:
        base = by_key.get((corpus, configs.BASELINE, "cold"))
        other = by_key.get((corpus, configs.FAST, "cold"))
        if not fast or not fast.get("implemented"):
            why = "not measured: the fast path is a no-op hook (bench/configs.py)"
            rows.append([f"{corpus}: cold throughput ≥ 10x embed-everything", why, "-"])
            rows.append([f"{corpus}: BCubed F1 within 0.01 of embed-everything", why, "-"])
            continue
        if not base or not other:
            rows.append([f"{corpus}: fast vs embed-everything", "needs both cold runs", "-"])
            continue
        speedup = other["articles_per_s"] / base["articles_per_s"]
        delta = other["quality"]["bcubed_f1"] - base["quality"]["bcubed_f1"]
        rows.append(
            [
                f"{corpus}: cold throughput ≥ 10x embed-everything",
                f"{_f(speedup, 2)}x",
                "yes" if speedup >= GOAL_SPEEDUP else "no",
            ]
        )
        rows.append(
            [
                f"{corpus}: BCubed F1 within 0.01 of embed-everything",
                f"{delta:+.3f}",
                "yes" if abs(delta) <= GOAL_F1_DELTA else "no",
            ]
        )
    for entry in results["stream"]:
        if not _ok(entry) or not entry["checkpoints"]:
            continue
        first, last = entry["checkpoints"][0], entry["checkpoints"][-1]
        label = f"{entry['config']} {entry['mode']} stream"
        full = last["articles"] >= SCALE_SIZE
        note = "" if full else f" (only {last['articles']:,} run; the goal is at 100,000)"
        flat = last["window_latency_ms"]["mean"] / first["window_latency_ms"]["mean"]
        fair = last["window_latency_ms"]["mean"] / last["copy0_same_places_ms"]
        rows.append(
            [
                f"{label}: time per article at 100k within 20% of 1k",
                f"{_f(flat, 2)}x first checkpoint, {_f(fair, 2)}x copy 0{note}",
                ("yes" if max(flat, fair) <= GOAL_FLAT else "no") if full else "-",
            ]
        )
        rows.append(
            [
                f"{label}: peak RSS at 100k ≤ 1 GiB",
                f"{_f(last['peak_rss_mib'], 0)} MiB at {last['articles']:,}{note}",
                ("yes" if last["peak_rss_mib"] <= GOAL_RSS_MIB else "no") if full else "-",
            ]
        )
    return rows


def _goal_section(results: dict[str, Any]) -> str:
    return (
        "Issue 6 asks for end-to-end throughput ≥ 10x the embed-everything pipeline's, cold "
        "cache, BCubed F1 within 0.01, on both dev corpora; time per article at 100k within "
        "20% of 1k; peak RSS at 100k ≤ 1 GiB. Compare configurations with "
        "`--configs embed-everything,fast` in one run.\n\n"
        + _table(["goal", "measured", "met"], goal_rows(results))
    )


def _method_section(results: dict[str, Any]) -> str:
    options = results["options"]
    return "\n".join(
        [
            f"- This run: corpora {', '.join(options['corpora'])}; configurations "
            f"{', '.join(options['configs'])}; cold cache for "
            f"{', '.join(options['cold']) or 'none'}; warm stream checkpoints "
            f"{', '.join(f'{s:,}' for s in options['sizes']) or 'none'}; cold stream "
            f"checkpoints {', '.join(f'{s:,}' for s in options['cold_stream_sizes']) or 'none'}; "
            f"raw encoder on {options['encoder_texts'] or 'all'} texts per corpus"
            + (f"; warm cache seeded from {options['seed_cache']}" if options["seed_cache"] else "")
            + ".",
            "- Each measurement runs in a fresh process (`bench/run.py --worker`), so its peak "
            "RSS (getrusage) is its own. One-time costs are paid before the clock starts: "
            "language models for the first 20 articles, the encoder model in cold runs, and in "
            "warm runs any embedding missing from the cache (the cold run of the same corpus "
            "fills it; `--seed-cache` can too).",
            "- Cold: a fresh, empty BABELWIRE_CACHE_DIR; warm: the same directory again with a "
            "fresh store. Stores live in a temporary folder; their size is the SQLite file plus "
            "its WAL at the end of the ingest.",
            "- Configurations are defined in bench/configs.py; `fast` is the slot for the fast "
            "path and measures the embed-everything pipeline until it is filled in.",
            "- Raw numbers: bench/results/latest.json.",
        ]
    )


def render_summary(results: dict[str, Any]) -> str:
    """A few lines for the terminal."""
    lines = []
    for entry in results["corpus"]:
        if _ok(entry):
            lines.append(
                f"{entry['corpus']} {entry['config']} {entry['cache']}: "
                f"{entry['articles_per_s']:.2f} articles/s, "
                f"BCubed F1 {entry['quality']['bcubed_f1']:.3f}"
            )
    for entry in results["stream"]:
        for point in entry.get("checkpoints", []):
            lines.append(
                f"stream {entry['config']} {entry['mode']} {point['articles']:,}: "
                f"{point['ms_per_article']:.1f} ms/article"
            )
    return "\n".join(lines)
