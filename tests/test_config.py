from pathlib import Path

from babelwire.config import SETTINGS, db_path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    for setting in SETTINGS.values():
        assert f"`{setting.env_var}`" in README, f"{setting.env_var} is not in README.md"


def test_store_path_precedence(monkeypatch):
    monkeypatch.delenv("BABELWIRE_DB", raising=False)
    assert db_path() == Path("babelwire.db")
    monkeypatch.setenv("BABELWIRE_DB", "/tmp/env.db")
    assert db_path() == Path("/tmp/env.db")
    assert db_path("/tmp/flag.db") == Path("/tmp/flag.db")
