"""Watch RSS/Atom feeds: poll, read each new entry in full, ingest it.

    sources ──► feeds (URLs, local feed files, OPML lists of them)
    each due feed: fetch ─► parse ─► entries not seen yet
                   ─► text: the feed's full content, else the page's main
                      text, else the feed's summary ─► ingest ─► mark seen

What has been handled is kept in the store (`feed_entries`), so a restart
resumes where it left off and nothing is ingested twice. A feed that fails is
retried later and later (doubling, up to MAX_BACKOFF) while the others go on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from babelwire import config
from babelwire.api import Babelwire
from babelwire.errors import BabelwireError, InputError
from babelwire.model import RawArticle
from babelwire.pipeline import Outcome
from babelwire.readers.feeds import Feed, FeedEntry, feed_urls, is_opml, parse_feed
from babelwire.readers.html import main_text
from babelwire.service.state import describe

log = logging.getLogger("babelwire.watch")

MAX_BACKOFF = 6 * 3600.0
USER_AGENT = "babelwire/0.1 (feed watcher)"


class FetchError(BabelwireError):
    status = 502


class Fetcher:
    """HTTP GET with a timeout and a size limit; local paths read as files."""

    def __init__(self, timeout: float = 20.0, max_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes or config.max_file_bytes()
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        )

    def get(self, location: str) -> bytes:
        if not location.startswith(("http://", "https://")):
            return self._read_file(location)
        try:
            with self.client.stream("GET", location) as response:
                response.raise_for_status()
                return self._limited(location, response.iter_bytes())
        except httpx.HTTPError as error:
            raise FetchError(f"cannot fetch {location}: {error}") from error

    def _limited(self, location: str, chunks: Iterator[bytes]) -> bytes:
        data = bytearray()
        for chunk in chunks:
            data += chunk
            if len(data) > self.max_bytes:
                raise FetchError(f"{location} is over {self.max_bytes} bytes")
        return bytes(data)

    def _read_file(self, location: str) -> bytes:
        try:
            return Path(location).read_bytes()
        except OSError as error:
            raise FetchError(f"cannot read {location}: {error.strerror}") from error

    def close(self) -> None:
        self.client.close()


def expand_sources(sources: list[str], fetcher: Fetcher) -> list[str]:
    """The feeds the sources name: OPML files and URLs are opened up into theirs."""
    feeds: list[str] = []
    for source in sources:
        if source.lower().endswith(".opml") or _is_local_opml(source):
            feeds.extend(feed_urls(fetcher.get(source)))
        else:
            feeds.append(source)
    return list(dict.fromkeys(feeds))


def _is_local_opml(source: str) -> bool:
    path = Path(source)
    if source.startswith(("http://", "https://")) or not path.is_file():
        return False
    with path.open("rb") as file:
        return is_opml(file.read(2000))


@dataclass
class FeedState:
    failures: int = 0
    due: float = 0.0  # monotonic time of the next poll


class SeenEntries:
    """The feed entries already handled, kept in the store beside the articles."""

    def __init__(self, wire: Babelwire) -> None:
        self.db = wire.store.db

    def __contains__(self, key: object) -> bool:
        found = self.db.execute("SELECT 1 FROM feed_entries WHERE entry = ?", (key,))
        return found.fetchone() is not None

    def add(self, key: str, feed: str, article_id: str | None) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO feed_entries (entry, feed, article_id) VALUES (?, ?, ?)",
            (key, feed, article_id),
        )


class Watcher:
    """Polls feeds and ingests their new entries into one store."""

    def __init__(
        self,
        wire: Babelwire,
        feeds: list[str],
        interval: float = 300.0,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.wire = wire
        self.feeds = feeds
        self.interval = interval
        self.fetcher = fetcher or Fetcher()
        self.clock = clock
        self.state = {feed: FeedState() for feed in feeds}
        self.seen = SeenEntries(wire)

    def run(self, stop: threading.Event | None = None) -> None:
        """Poll until `stop` is set (or forever), sleeping until the next feed is due."""
        stop = stop or threading.Event()
        while not stop.is_set():
            self.poll_due()
            wait = min(s.due for s in self.state.values()) - self.clock()
            stop.wait(max(1.0, wait))

    def poll_due(self) -> list[Outcome]:
        """One pass over the feeds whose time has come."""
        now = self.clock()
        outcomes: list[Outcome] = []
        for feed, state in self.state.items():
            if state.due <= now:
                outcomes.extend(self.poll(feed))
        return outcomes

    def poll(self, feed_url: str) -> list[Outcome]:
        """Fetch one feed and ingest its new entries; a failure only delays the feed."""
        state = self.state.setdefault(feed_url, FeedState())
        try:
            feed = parse_feed(self.fetcher.get(feed_url), feed_url)
        except (FetchError, InputError) as error:
            state.failures += 1
            delay = min(self.interval * 2**state.failures, MAX_BACKOFF)
            state.due = self.clock() + delay
            log.warning(
                "%s failed (%d in a row), retrying in %.0f s: %s",
                feed_url,
                state.failures,
                delay,
                error,
            )
            return []
        state.failures, state.due = 0, self.clock() + self.interval
        outcomes = [
            self._ingest(feed, entry) for entry in feed.entries if entry.key not in self.seen
        ]
        log.info("%s: %d entries, %d new", feed_url, len(feed.entries), len(outcomes))
        return outcomes

    def _ingest(self, feed: Feed, entry: FeedEntry) -> Outcome:
        article = self._article(feed, entry)
        (outcome,) = self.wire.ingest_iter([article])
        # Only after the article is stored: a crash in between re-reads the
        # entry next time, and the store recognises it as known.
        self.seen.add(entry.key, feed.url, outcome.article_id)
        log.info("%s", describe(outcome))
        return outcome

    def _article(self, feed: Feed, entry: FeedEntry) -> RawArticle:
        text, warnings = self._text(entry)
        return RawArticle(
            text=text,
            origin=feed.url,
            id=entry.article_id,
            title=entry.title,
            date=entry.date,
            url=entry.link,
            source=feed.title,
            warnings=warnings,
        )

    def _text(self, entry: FeedEntry) -> tuple[str, list[str]]:
        """The entry's fullest text: the feed's content, the page's, else the summary."""
        if entry.has_full_text or not entry.link:
            return entry.content or entry.summary, []
        try:
            page = main_text(self.fetcher.get(entry.link), entry.link)
        except FetchError as error:
            return entry.content or entry.summary, [f"{error}; used the feed's summary"]
        if page is None:
            return entry.content or entry.summary, [
                f"{entry.link} has no main text; used the summary"
            ]
        return page, []
