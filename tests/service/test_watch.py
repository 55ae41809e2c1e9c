"""Feed watching against a local HTTP server on 127.0.0.1 serving files written here."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from click.testing import CliRunner

import babelwire.api
from babelwire.api import Babelwire
from babelwire.cli import main
from babelwire.service.fetch import Fetcher
from babelwire.service.watch import Watcher, expand_sources
from babelwire.store import SQLiteStore
from tests.readers.test_feeds import LONG, item, rss
from tests.service.conftest import fast_pipeline

PAGE = (
    "<html><head><title>Ferry</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Ferry resumes</h1>"
    + "".join(
        f"<p>{opening}, with {n + 40} passengers on board. Paragraph {n} from the page.</p>"
        for n, opening in enumerate(
            [
                "The ferry across the fjord ran again on Tuesday after the storm",
                "Crews had cleared the landing stage of fallen trees overnight",
                "Commuters who had driven around the fjord for three days were relieved",
            ]
        )
    )
    + "</article><footer>Subscribe now!</footer></body></html>"
)


class _Site(SimpleHTTPRequestHandler):
    """Files from a folder; `/go?to=TARGET` redirects (302) to TARGET, whatever it is."""

    def do_GET(self) -> None:
        if self.path.startswith("/go?to="):
            self.send_response(302)
            self.send_header("Location", unquote(self.path.removeprefix("/go?to=")))
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served on 127.0.0.1; missing files answer 404."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_Site, directory=str(root))
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


SECRET = "The private diary of the machine's owner, never to be published."


def _entry(guid: str, link: str, teaser: str, title: str = "") -> str:
    title = title or f"Story {guid}"
    link_tag = f"<link>{link}</link>" if link else ""
    return (
        f"<item><guid isPermaLink='false'>{guid}</guid><title>{title}</title>{link_tag}"
        f"<description>{teaser}</description></item>"
    )


def _hostile_feed(root: Path, url: str, secret: Path) -> str:
    """A web feed whose entries point at a local file in every way a link can."""
    (root / "news").mkdir()
    (root / "news" / "story.html").write_text(PAGE, encoding="utf-8")
    links = {
        "absolute": str(secret),
        "file-url": secret.as_uri(),
        "relative": "news/story.html",
        "climbing": "../" * 12 + str(secret).lstrip("/"),
        "redirect": f"{url}/go?to={quote(secret.as_uri())}",
    }
    items = "".join(_entry(key, link, f"Teaser {key}.") for key, link in links.items())
    # A bare guid, which feedparser takes as the link when there is none.
    items += f"<item><guid>{secret}</guid><description>Teaser guid.</description></item>"
    (root / "feed.xml").write_bytes(rss(items))
    return f"{url}/feed.xml"


def test_a_web_feed_cannot_make_the_watcher_read_local_files(site, wire, tmp_path):
    root, url = site
    secret = tmp_path / "diary.html"  # a page trafilatura would read, were it fetched
    secret.write_text(PAGE.replace("Paragraph", SECRET), encoding="utf-8")
    outcomes = Watcher(wire, [_hostile_feed(root, url, secret)]).poll_due()
    assert [o.status.value for o in outcomes] == ["ingested"] * 6
    stored = {o.article_id: wire.store.article(o.article_id or "").article for o in outcomes}
    assert not any("private diary" in a.raw_text for a in stored.values())
    relative = next(a for a in stored.values() if a.title == "Story relative")
    assert "Paragraph 2 from the page." in relative.raw_text
    assert relative.url == f"{url}/news/story.html"
    file_url = next(o for o in outcomes if _title(wire, o) == "Story file-url")
    assert any("not an http(s) link" in w for w in file_url.warnings)
    redirected = next(o for o in outcomes if _title(wire, o) == "Story redirect")
    assert any("not http(s)" in w for w in redirected.warnings)


def _title(wire: Babelwire, outcome) -> str | None:
    return wire.store.article(outcome.article_id or "").article.title


def test_a_local_feed_names_local_pages_only_when_allowed(wire, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    feed = tmp_path / "mine.xml"
    feed.write_bytes(rss(_entry("p", "page.html", "Teaser.")))
    (refused,) = Watcher(wire, [str(feed)]).poll_due()
    assert any("--allow-local-links" in w for w in refused.warnings)
    assert "Paragraph" not in wire.store.article(refused.article_id or "").article.raw_text
    feed.write_bytes(rss(_entry("q", page.as_uri(), "Another teaser.")))
    (allowed,) = Watcher(wire, [str(feed)], allow_local_links=True).poll_due()
    assert (
        "Paragraph 2 from the page."
        in wire.store.article(allowed.article_id or "").article.raw_text
    )


def test_a_remote_opml_lists_only_web_feeds(site, tmp_path):
    root, url = site
    (root / "list.opml").write_text(
        f'<opml><body><outline xmlUrl="{tmp_path}/feed.xml"/><outline xmlUrl="file:///etc/hosts"/>'
        '<outline xmlUrl="feeds/a.xml"/></body></opml>',
        encoding="utf-8",
    )
    fetcher = Fetcher()
    assert expand_sources([f"{url}/list.opml"], fetcher) == [
        f"{url}{tmp_path}/feed.xml",
        f"{url}/feeds/a.xml",
    ]
    fetcher.close()


def test_pages_that_are_not_web_pages_are_not_read(site, wire):
    root, url = site
    (root / "photo.png").write_bytes(b"\x89PNG" + b"0" * 2000)
    (root / "feed.xml").write_bytes(rss(_entry("img", f"{url}/photo.png", "Teaser.")))
    (outcome,) = Watcher(wire, [f"{url}/feed.xml"]).poll_due()
    assert any("image/png, not a feed or web page" in w for w in outcome.warnings)


def test_pages_over_the_size_cap_are_not_read(site, wire):
    root, url = site
    (root / "big.html").write_text(PAGE * 50, encoding="utf-8")
    (root / "feed.xml").write_bytes(rss(_entry("b", "big.html", "Teaser.")))
    watcher = Watcher(wire, [f"{url}/feed.xml"], fetcher=Fetcher(max_bytes=5000))
    (outcome,) = watcher.poll_due()
    assert any("over 5000 bytes" in w for w in outcome.warnings)


def test_one_guid_in_two_feeds_is_two_entries(site, wire):
    root, url = site
    for name, story in (
        ("a", "The ferry resumed after the storm."),
        ("b", "The bridge reopened to traffic."),
    ):
        (root / f"{name}.xml").write_bytes(rss(_entry("1", "", story, title=story)))
    outcomes = Watcher(wire, [f"{url}/a.xml", f"{url}/b.xml"]).poll_due()
    assert [o.status.value for o in outcomes] == ["ingested", "ingested"]
    assert len({o.article_id for o in outcomes}) == 2


def test_watch_once_fails_naming_the_feed_that_failed(site, tmp_path, monkeypatch):
    _root, url = site
    monkeypatch.setattr(babelwire.api, "Pipeline", fast_pipeline)
    result = CliRunner().invoke(
        main, ["watch", f"{url}/missing.xml", "--once", "--db", str(tmp_path / "w.db")]
    )
    assert result.exit_code == 1
    assert f"failed: {url}/missing.xml" in result.output and "404" in result.output
    assert "next try" not in result.output


DATED_PAGE = (
    '<html lang="nb-NO"><head><title>Ferja går igjen | Fjordposten</title>'
    '<meta property="og:title" content="Ferja går igjen">'
    '<meta property="article:published_time" content="2020-10-06T08:00:00Z">'
    '<meta property="og:site_name" content="Fjordposten">'
    '<link rel="canonical" href="https://fjordposten.example/ferja-gar-igjen"></head><body>'
    "<article><h1>Ferja går igjen</h1>"
    + "".join(
        f"<p>Ferja over fjorden gikk igjen etter stormen, og passasjerene var glade. Avsnitt {n}."
        "</p>"
        for n in range(12)
    )
    + "</article></body></html>"
)


def test_the_page_fills_what_the_feed_entry_lacks(site, wire: Babelwire):
    root, url = site
    (root / "ferja.html").write_text(DATED_PAGE, encoding="utf-8")
    bare = f"<item><guid>f1</guid><link>{url}/ferja.html</link><description>F.</description></item>"
    (root / "feed.xml").write_bytes(rss(bare).replace(b"<title>Fjord News</title>", b""))
    (outcome,) = Watcher(wire, [f"{url}/feed.xml"]).poll_due()
    stored = wire.store.article(outcome.article_id or "").article
    assert stored.title == "Ferja går igjen"
    assert str(stored.date) == "2020-10-06" and not stored.date_inferred
    assert stored.lang == "nb" and stored.source == "Fjordposten"
    assert stored.url == "https://fjordposten.example/ferja-gar-igjen"
    assert "Avsnitt 11." in stored.text


def test_the_feed_entry_wins_over_the_page(site, wire: Babelwire):
    root, url = site
    (root / "ferja.html").write_text(DATED_PAGE, encoding="utf-8")
    entry = item("ferja", summary="Ferja.", date="Mon, 05 Oct 2020 22:00:00 GMT")
    (root / "feed.xml").write_bytes(rss(entry.replace("http://127.0.0.1/", f"{url}/")))
    (outcome,) = Watcher(wire, [f"{url}/feed.xml"]).poll_due()
    stored = wire.store.article(outcome.article_id or "").article
    assert (stored.title, str(stored.date), stored.source) == (
        "Story ferja",
        "2020-10-05",
        "Fjord News",
    )


def test_every_warning_is_kept_with_the_article_and_logged(
    site, wire: Babelwire, caplog: pytest.LogCaptureFixture
):
    root, url = site
    entries = item(
        "gone", summary="Teaser for a page that is gone.", date="Fri, 01 Jan 2999 08:00:00 GMT"
    )
    (root / "feed.xml").write_bytes(rss(entries.replace("http://127.0.0.1/", f"{url}/")))
    caplog.set_level("INFO", logger="babelwire")
    (outcome,) = Watcher(wire, [f"{url}/feed.xml"]).poll_due()
    stored = wire.store.article(outcome.article_id or "").article
    assert stored.warnings == outcome.warnings and len(stored.warnings) == 2
    assert "is in the future" in stored.warnings[0] and stored.date is None
    assert "used the feed's summary" in stored.warnings[1]
    for warning in stored.warnings:
        assert warning in caplog.text


def test_the_same_story_from_another_outlet_is_a_copy(
    site, wire: Babelwire, caplog: pytest.LogCaptureFixture
):
    root, url = site
    story = f"<p>{LONG} Carried whole by the feed.</p>"
    for name, outlet in (("a", "Fjord News"), ("b", "Wire Desk")):
        entry = item(name, content=story).replace("http://127.0.0.1/", f"{url}/")
        (root / f"{name}.xml").write_bytes(rss(entry, title=outlet))
    caplog.set_level("INFO", logger="babelwire")
    first, copy = Watcher(wire, [f"{url}/a.xml", f"{url}/b.xml"]).poll_due()
    assert (first.status.value, copy.status.value) == ("ingested", "copy")
    assert copy.copy_of == first.article_id and copy.event_id == first.event_id
    assert f"a copy of {first.article_id}" in caplog.text
    sources = wire.event(first.event_id or "")["sources"]
    assert {s["name"]: s["independent_reports"] for s in sources} == {
        "Fjord News": 1,
        "Wire Desk": 0,
    }
