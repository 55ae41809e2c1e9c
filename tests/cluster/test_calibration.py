"""Calibration files: written, read back, applied, and refused for another model."""

from __future__ import annotations

import json

import pytest

from babelwire.cluster import calibration
from babelwire.cluster.calibration import CALIBRATED, calibrated
from babelwire.cluster.online import LinkerConfig, OnlineLinker
from babelwire.errors import SettingError, StoreError
from babelwire.model import RawArticle
from babelwire.pipeline import Pipeline
from babelwire.store import SQLiteStore
from tests.conftest import HashingEncoder

FITTED = LinkerConfig(threshold=0.62, cross_language_bonus=0.3, hindsight_cut=0.62)


@pytest.fixture
def calibration_file(tmp_path, monkeypatch):
    path = tmp_path / "calibration.json"
    calibration.of(FITTED, "test-hashing", {"tried": 3}).save(path)
    monkeypatch.setenv("BABELWIRE_CALIBRATION", str(path))
    return path


def test_a_calibration_records_its_model_and_the_settings_that_depend_on_it(calibration_file):
    body = json.loads(calibration_file.read_text(encoding="utf-8"))
    assert body["model"] == "test-hashing" and set(body["settings"]) == set(CALIBRATED)
    assert body["settings"]["threshold"] == 0.62 and body["report"] == {"tried": 3}


def test_a_pipeline_links_and_consolidates_with_the_calibration(calibration_file):
    pipeline = Pipeline(SQLiteStore(":memory:"), encoder=HashingEncoder())
    assert pipeline.linker.config == FITTED
    assert pipeline.consolidator.config == FITTED


def test_without_a_calibration_the_built_in_settings_stay(monkeypatch):
    monkeypatch.delenv("BABELWIRE_CALIBRATION", raising=False)
    assert calibrated(LinkerConfig(), "any", lambda: "") == LinkerConfig()


def test_a_calibration_for_another_model_is_refused(calibration_file):
    with pytest.raises(SettingError) as error:
        calibrated(LinkerConfig(), "openai:bge-m3", lambda: "")
    message = str(error.value)
    assert str(calibration_file) in message and "'test-hashing'" in message
    assert "'openai:bge-m3'" in message and "babelwire calibrate" in message


def test_a_calibration_is_refused_for_a_store_built_with_another_model(calibration_file):
    store = SQLiteStore(":memory:")
    other = HashingEncoder()
    other.name = "another-model"
    Pipeline(store, encoder=other, linker=OnlineLinker()).ingest(
        RawArticle(text="Floods hit Bergen on Thursday night.", origin="a")
    )
    with pytest.raises(StoreError, match="the store's vectors come from 'another-model'"):
        Pipeline(store, encoder=HashingEncoder())


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "does not exist"),
        ("{not json", "cannot be read"),
        (json.dumps({"model": "m"}), "is not a babelwire calibration"),
        (
            json.dumps({"calibration": 1, "model": "m", "settings": {"time_weight": 0.1}}),
            "sets time_weight, which a calibration cannot set",
        ),
        (
            json.dumps({"calibration": 1, "model": "m", "settings": {"threshold": "high"}}),
            "threshold must be numbers",
        ),
    ],
)
def test_a_bad_calibration_file_is_named_with_what_is_wrong(tmp_path, content, said):
    path = tmp_path / "calibration.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingError, match=said) as error:
        calibration.load(path)
    assert str(path) in str(error.value)
