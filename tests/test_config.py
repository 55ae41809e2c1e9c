from pathlib import Path

import pytest

from babelwire.config import SETTINGS, db_location

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    for setting in SETTINGS.values():
        assert f"`{setting.env_var}`" in README, f"{setting.env_var} is not in README.md"


def test_store_path_precedence(monkeypatch):
    monkeypatch.delenv("BABELWIRE_DB", raising=False)
    assert db_location() == "babelwire.db"
    monkeypatch.setenv("BABELWIRE_DB", "/tmp/env.db")
    assert db_location() == "/tmp/env.db"
    assert db_location("/tmp/flag.db") == "/tmp/flag.db"
    url = "postgresql://me@127.0.0.1:5432/news"
    assert db_location(url) == url  # a URL is kept whole, never read as a path


def test_the_encoder_setting_names_what_it_accepts(monkeypatch):
    from babelwire.config import encoder_choice
    from babelwire.errors import SettingError

    monkeypatch.delenv("BABELWIRE_ENCODER", raising=False)
    assert encoder_choice() == "e5"
    monkeypatch.setenv("BABELWIRE_ENCODER", " USE ")
    assert encoder_choice() == "use"
    monkeypatch.setenv("BABELWIRE_ENCODER", "bert")
    with pytest.raises(SettingError, match="BABELWIRE_ENCODER='bert'") as error:
        encoder_choice()
    assert "e5, use" in str(error.value)


def test_the_server_encoder_needs_its_url_and_model(monkeypatch):
    from babelwire.config import encoder_server
    from babelwire.errors import SettingError

    monkeypatch.setenv("BABELWIRE_ENCODER_URL", "127.0.0.1:8080/v1")
    with pytest.raises(SettingError, match="BABELWIRE_ENCODER_URL, an http"):
        encoder_server()
    monkeypatch.setenv("BABELWIRE_ENCODER_URL", "http://127.0.0.1:8080/v1/")
    monkeypatch.delenv("BABELWIRE_ENCODER_MODEL", raising=False)
    with pytest.raises(SettingError, match="needs BABELWIRE_ENCODER_MODEL"):
        encoder_server()
    monkeypatch.setenv("BABELWIRE_ENCODER_MODEL", "bge-m3")
    assert encoder_server() == ("http://127.0.0.1:8080/v1", "bge-m3")
