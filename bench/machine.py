"""Where and when a run happened: every result row carries this."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import platform
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _first(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            name, _, value = line.partition(":")
            if name.strip() == key:
                return value.strip()
    except OSError:
        return None
    return None


def machine() -> dict[str, Any]:
    memory = _first("/proc/meminfo", "MemTotal")  # "24684160 kB"
    ram_gib = round(int(memory.split()[0]) / 1024**2, 1) if memory else None
    return {
        "cores": os.cpu_count(),
        "ram_gib": ram_gib,
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def git_state() -> dict[str, Any]:
    """The commit measured, and whether the work tree had changes (read-only git calls)."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--untracked-files=no")
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "modified_files": len(changed.splitlines()) if changed else 0,
    }


def code_fingerprint() -> str:
    """A short hash of babelwire/'s Python sources: rows measured on different code differ."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "babelwire").rglob("*.py")):
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def command(argv: list[str] | None = None) -> str:
    """The command as typed from the repository root."""
    args = sys.argv if argv is None else argv
    script = Path(args[0])
    with contextlib.suppress(ValueError):  # a script outside the repository keeps its path
        script = script.resolve().relative_to(REPO)
    return shlex.join([".venv/bin/python", str(script), *args[1:]])


def stamp(argv: list[str] | None = None) -> dict[str, Any]:
    return {
        "command": command(argv),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "git": git_state(),
        "code": code_fingerprint(),
        "loadavg_at_start": list(os.getloadavg()),
    }
