"""Pipeline configurations the suite measures (`bench/run.py --configs a,b`).

A configuration is the keyword arguments given to
`Pipeline(store, **options)`; an empty dict is the production default, the
embed-everything pipeline (every article's title and lead go through the
bundled encoder, behind the content cache in BABELWIRE_CACHE_DIR).

`fast` is issue 6's fast path (`BABELWIRE_ENCODER=use`): USE multilingual v3
reads every article and e5 none, with the linker configuration chosen for it
(`FAST_CONFIG` in babelwire/cluster/online.py). The goal table compares it
with `embed-everything` measured in the same run: cold-cache throughput ratio
(goal >= 10) and BCubed F1 difference on each dev corpus (goal within 0.01).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

BASELINE = "embed-everything"
FAST = "fast"


def _no_options() -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class BenchConfig:
    name: str
    description: str
    implemented: bool = True
    # Built in the worker process, so options may hold live objects (encoders).
    options: Callable[[], dict[str, Any]] = field(default=_no_options)


CONFIGS: dict[str, BenchConfig] = {
    c.name: c
    for c in [
        BenchConfig(
            BASELINE,
            "production default: Pipeline(store); every article embedded by e5 (title + lead)",
        ),
        BenchConfig(
            FAST,
            "the fast path (BABELWIRE_ENCODER=use): USE multilingual v3 reads every article",
            options=lambda: {"fast": True},
        ),
    ]
}


def get(name: str) -> BenchConfig:
    if name not in CONFIGS:
        known = ", ".join(CONFIGS)
        raise SystemExit(f"unknown configuration {name!r}: bench/configs.py knows {known}")
    return CONFIGS[name]
