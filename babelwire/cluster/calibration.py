"""A calibration: the linker settings fitted to one encoder's model.

Thresholds and weights are tuned to the cosines one model gives; another
model's cosines sit elsewhere. `babelwire calibrate` (evaluate/calibrate.py)
fits the settings below on labelled folders and writes them, with the name
of the model they fit, to a JSON file:

    {"calibration": 1, "model": "openai:bge-m3", "settings": {"threshold": 0.62, ...}, ...}

BABELWIRE_CALIBRATION names that file; every pipeline (ingest, eval, serve,
the workers) then links with it, and refuses it for another model, or for a
store whose vectors come from another model.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babelwire import config
from babelwire.cluster.online import LinkerConfig
from babelwire.errors import SettingError, StoreError

# The settings that depend on the model's cosines (the rest are about dates,
# names and costs, whatever the model): what a calibration may set.
CALIBRATED = (
    "threshold",
    "merge_threshold",
    "cross_language_bonus",
    "aligned_bonus",
    "name_weight",
    "number_weight",
    "lexical_weight",
    "hindsight_cut",
)
VERSION = 1


@dataclass(frozen=True)
class Calibration:
    model: str  # the encoder's name, as the store records it
    settings: dict[str, float]
    report: dict[str, Any] = dataclasses.field(default_factory=dict)  # what it was fitted on

    def applied_to(self, base: LinkerConfig) -> LinkerConfig:
        settings: dict[str, Any] = self.settings  # floats, every one a LinkerConfig field
        return dataclasses.replace(base, **settings)

    def save(self, path: Path) -> None:
        body = {
            "calibration": VERSION,
            "model": self.model,
            "settings": self.settings,
            "report": self.report,
        }
        path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def of(linker: LinkerConfig, model: str, report: dict[str, Any] | None = None) -> Calibration:
    """The calibration that gives `linker` its model-dependent settings."""
    settings = {name: round(float(getattr(linker, name)), 4) for name in CALIBRATED}
    return Calibration(model, settings, report or {})


def load(path: Path) -> Calibration:
    """A calibration file, checked; a bad one is a SettingError naming it."""
    where = f"the calibration file {path} (BABELWIRE_CALIBRATION)"
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingError(
            f"{where} does not exist",
            hint="write one with `babelwire calibrate DIR --out FILE`, or unset it",
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SettingError(f"{where} cannot be read: {error}", hint=_REWRITE) from None
    if not isinstance(body, dict) or body.get("calibration") != VERSION:
        raise SettingError(f"{where} is not a babelwire calibration", hint=_REWRITE)
    model, settings = body.get("model"), body.get("settings")
    if not isinstance(model, str) or not isinstance(settings, dict):
        raise SettingError(f"{where} lacks its model or its settings", hint=_REWRITE)
    return Calibration(model, _checked(settings, where), body.get("report") or {})


_REWRITE = "write it again with `babelwire calibrate DIR --out FILE`"


def _checked(settings: dict[str, Any], where: str) -> dict[str, float]:
    unknown = sorted(set(settings) - set(CALIBRATED))
    if unknown:
        raise SettingError(
            f"{where} sets {', '.join(unknown)}, which a calibration cannot set",
            hint=f"it may set: {', '.join(CALIBRATED)}",
        )
    bad = [name for name, value in settings.items() if not isinstance(value, int | float)]
    if bad:
        raise SettingError(f"{where}: {', '.join(bad)} must be numbers", hint=_REWRITE)
    return {name: float(value) for name, value in settings.items()}


def calibrated(base: LinkerConfig, model: str, store_space: Callable[[], str]) -> LinkerConfig:
    """`base` with BABELWIRE_CALIBRATION's settings, when it names one fitted for `model`.

    `store_space` gives the model the store's vectors come from ('' while it
    holds none): a calibration is refused for a store built with another one.
    """
    path = config.setting("calibration")
    if not path:
        return base
    calibration = load(Path(path))
    if calibration.model != model:
        raise SettingError(
            f"the calibration {path} was fitted for the model {calibration.model!r}, "
            f"and babelwire now encodes with {model!r}",
            hint="set BABELWIRE_ENCODER (and _MODEL, _PREFIX) back to that model, or fit one "
            "for this model: babelwire calibrate DIR --out FILE",
        )
    space = store_space()
    if space and space != calibration.model:
        raise StoreError(
            f"the calibration {path} is for the model {calibration.model!r}, and the store's "
            f"vectors come from {space!r}",
            hint="name a store built with that model (--db), or unset BABELWIRE_CALIBRATION",
        )
    return calibration.applied_to(base)
