"""Evaluation folders: `docs/<id>.txt` in the seed format and `gold.tsv`."""

from __future__ import annotations

from pathlib import Path

from babelwire.errors import InputError


def load_gold(folder: Path) -> dict[str, str]:
    """Article id → gold cluster id, from `gold.tsv`."""
    path = folder / "gold.tsv"
    if not path.is_file() or not (folder / "docs").is_dir():
        raise InputError(
            f"{folder} is not an evaluation folder",
            hint="it needs docs/<id>.txt and gold.tsv with '<id> TAB <cluster>' lines",
        )
    gold = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise InputError(f"{path}:{number}: expected '<id> TAB <cluster>'")
        gold[parts[0].strip()] = parts[1].strip()
    return gold
