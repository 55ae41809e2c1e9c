"""Feed watching against a local HTTP server on 127.0.0.1 serving files written here."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

import babelwire.api
from babelwire.api import Babelwire
from babelwire.cli import main
from babelwire.service.watch import Fetcher, Watcher, expand_sources
from babelwire.store import SQLiteStore
from tests.readers.test_feeds import LONG, item, rss
from tests.service.conftest import fast_pipeline

PAGE = (
    "<html><head><title>Ferry</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Ferry resumes</h1>"
    + "".join(f"<p>{LONG} Paragraph {n} from the page.</p>" for n in range(3))
    + "</article><footer>Subscribe now!</footer></body></html>"
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served on 127.0.0.1; missing files answer 404."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def _write_feed(root: Path, url: str, guids: list[str]) -> str:
    items = "".join(
        item(g, summary=f"Teaser for {g}.", date="Mon, 05 Oct 2020 08:00:00 GMT").replace(
            "http://127.0.0.1/", f"{url}/"
        )
        for g in guids
    )
    (root / "feed.xml").write_text(rss(items).decode(), encoding="utf-8")
    return f"{url}/feed.xml"


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[Babelwire]:
    store = SQLiteStore(tmp_path / "watch.db")
    with Babelwire(store, fast_pipeline(store)) as opened:
        yield opened


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_new_entries_are_read_in_full_and_ingested(site, wire: Babelwire):
    root, url = site
    (root / "ferry.html").write_text(PAGE, encoding="utf-8")
    full = item("full", content=f"<p>{LONG} Carried whole by the feed.</p>")
    items = (item("ferry", summary="Teaser only.") + full).replace("http://127.0.0.1/", f"{url}/")
    (root / "feed.xml").write_bytes(rss(items))
    outcomes = Watcher(wire, [f"{url}/feed.xml"]).poll_due()
    assert [o.status.value for o in outcomes] == ["ingested", "ingested"]
    paged = wire.store.article(outcomes[0].article_id or "").article
    assert "Paragraph 2 from the page." in paged.raw_text and "Subscribe" not in paged.raw_text
    assert paged.source == "Fjord News" and paged.url == f"{url}/ferry.html"
    whole = wire.store.article(outcomes[1].article_id or "").article
    assert "Carried whole by the feed." in whole.raw_text


def test_a_restart_resumes_where_it_left_off(site, wire: Babelwire):
    root, url = site
    feed = _write_feed(root, url, ["one", "two"])
    assert len(Watcher(wire, [feed]).poll_due()) == 2
    assert Watcher(wire, [feed]).poll_due() == []  # a new watcher: the restart
    _write_feed(root, url, ["one", "two", "three"])
    (outcome,) = Watcher(wire, [feed]).poll_due()
    assert outcome.status.value == "ingested"
    assert wire.store.count_articles() == 3


def test_a_page_that_fails_falls_back_to_the_summary(site, wire: Babelwire):
    root, url = site
    feed = _write_feed(root, url, ["gone"])  # no gone.html on the site
    (outcome,) = Watcher(wire, [feed]).poll_due()
    assert outcome.status.value == "ingested"
    assert any("used the feed's summary" in w for w in outcome.warnings)
    assert wire.store.article(outcome.article_id or "").article.raw_text == "Teaser for gone."


def test_failing_feeds_back_off_while_others_go_on(site, wire: Babelwire):
    root, url = site
    good = _write_feed(root, url, ["one"])
    bad = f"{url}/missing.xml"
    clock = Clock()
    watcher = Watcher(wire, [bad, good], interval=60, clock=clock)
    assert len(watcher.poll_due()) == 1
    assert watcher.state[bad].failures == 1 and watcher.state[bad].due == 1000 + 120
    clock.now += 60
    _write_feed(root, url, ["one", "two"])
    assert len(watcher.poll_due()) == 1  # the good feed again; the bad one waits
    assert watcher.state[bad].failures == 1
    clock.now += 60
    watcher.poll_due()
    assert watcher.state[bad].failures == 2 and watcher.state[bad].due == clock.now + 240
    (root / "missing.xml").write_bytes(rss(item("late")))
    clock.now += 240
    watcher.poll_due()
    assert watcher.state[bad].failures == 0  # recovered


def test_not_a_feed_counts_as_a_failure(site, wire: Babelwire):
    root, url = site
    (root / "page.html").write_text("<html><body>hello</body></html>", encoding="utf-8")
    watcher = Watcher(wire, [f"{url}/page.html"])
    assert watcher.poll_due() == []
    assert watcher.state[f"{url}/page.html"].failures == 1


def test_opml_files_are_opened_up(site, tmp_path: Path):
    _root, url = site
    opml = tmp_path / "feeds.txt"  # found by its content, not only by its name
    opml.write_text(
        f'<opml version="2.0"><body><outline xmlUrl="{url}/a.xml"/>'
        f'<outline xmlUrl="{url}/b.xml"/></body></opml>',
        encoding="utf-8",
    )
    fetcher = Fetcher()
    assert expand_sources([str(opml), f"{url}/c.xml"], fetcher) == [
        f"{url}/a.xml",
        f"{url}/b.xml",
        f"{url}/c.xml",
    ]
    fetcher.close()


def test_watch_command_once(
    site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    root, url = site
    feed = _write_feed(root, url, ["x", "y", "z"])
    opml = tmp_path / "mine.opml"
    opml.write_text(f'<opml><body><outline xmlUrl="{feed}"/></body></opml>', encoding="utf-8")
    monkeypatch.setattr(babelwire.api, "Pipeline", fast_pipeline)
    db = str(tmp_path / "cli.db")
    caplog.set_level("INFO", logger="babelwire")
    first = CliRunner().invoke(main, ["watch", str(opml), "--once", "--db", db])
    assert first.exit_code == 0, first.output
    assert "ingested 3" in first.output
    assert f"no store at {db}: creating a new, empty one" in caplog.text
    again = CliRunner().invoke(main, ["watch", feed, "--once", "--db", db, "--interval", "5"])
    assert "ingested 0" in again.output
