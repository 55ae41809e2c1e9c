"""Watch RSS/Atom feeds: poll, read each new entry in full, ingest it.

    sources ──► feeds (URLs, local feed files, OPML lists of them)
    each due feed: fetch ─► parse ─► entries not seen yet
                   ─► text: the feed's full content, else the page's main
                      text, else the feed's summary ─► ingest ─► mark seen

An entry read from its page takes from the page (readers/html.py, as a
saved page is read) what the feed did not say: title, publication date,
language and outlet; its URL is the page's canonical one. Every warning (a
link refused, a page that could not be read, a date or language dropped, an
encoding guessed) goes with the article into the store and into the log.

What has been handled is kept in the store (`feed_entries`, per feed: two
feeds may both call different stories "1"), so a restart resumes where it left
off and nothing is ingested twice. A feed that fails is retried later and later
(doubling, up to MAX_BACKOFF) while the others go on. What a feed may make the
watcher read is decided in `fetch.py`: web feeds lead only to web pages.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babelwire.api import Babelwire
from babelwire.errors import FetchError, InputError
from babelwire.model import RawArticle, Rejection
from babelwire.pipeline import Outcome, Status
from babelwire.readers.feeds import Feed, FeedEntry, feed_urls, is_opml, parse_feed
from babelwire.readers.html import parse_page
from babelwire.readers.textfile import decode_file
from babelwire.service.fetch import FEED_TYPES, PAGE_TYPES, Fetcher, is_web, resolve_link
from babelwire.service.state import describe

log = logging.getLogger("babelwire.watch")

MAX_BACKOFF = 6 * 3600.0


def expand_sources(sources: list[str], fetcher: Fetcher, allow_local: bool = False) -> list[str]:
    """The feeds the sources name: OPML files and URLs are opened up into theirs."""
    feeds: list[str] = []
    for source in sources:
        if source.lower().endswith(".opml") or _is_local_opml(source):
            feeds.extend(_listed_feeds(source, fetcher, allow_local))
        else:
            feeds.append(source)
    return list(dict.fromkeys(feeds))


def _listed_feeds(opml: str, fetcher: Fetcher, allow_local: bool) -> list[str]:
    """The feeds an OPML list names, each resolved as a link found inside it."""
    feeds = []
    for link in feed_urls(fetcher.get(opml, FEED_TYPES)):
        try:
            feeds.append(resolve_link(link, opml, allow_local))
        except FetchError as refused:
            log.warning("skipped a feed: %s", refused)
    return feeds


def _is_local_opml(source: str) -> bool:
    path = Path(source)
    if is_web(source) or not path.is_file():
        return False
    with path.open("rb") as file:
        return is_opml(file.read(2000))


def entry_article_id(feed_url: str, entry_key: str) -> str:
    """An id that stays the same however often the feed shows the entry."""
    digest = hashlib.sha256(f"{feed_url}\n{entry_key}".encode()).hexdigest()
    return "feed-" + digest[:16]


@dataclass
class FeedState:
    failures: int = 0
    due: float = 0.0  # monotonic time of the next poll
    error: str | None = None  # why the last poll failed


class SeenEntries:
    """The feed entries already handled, kept in the store beside the articles."""

    def __init__(self, wire: Babelwire) -> None:
        self.store = wire.store

    def has(self, feed: str, entry: str) -> bool:
        return self.store.entry_seen(feed, entry)

    def add(self, feed: str, entry: str, article_id: str | None) -> None:
        self.store.mark_entry_seen(feed, entry, article_id)


class Watcher:
    """Polls feeds and ingests their new entries into one store.

    `allow_local_links`: a local feed file may name local pages (never a web
    feed). `once`: each feed is polled once, so no retry is announced.
    """

    def __init__(
        self,
        wire: Babelwire,
        feeds: list[str],
        interval: float = 300.0,
        fetcher: Fetcher | None = None,
        clock: Callable[[], float] = time.monotonic,
        *,
        allow_local_links: bool = False,
        once: bool = False,
    ) -> None:
        self.wire = wire
        self.feeds = feeds
        self.interval = interval
        self.fetcher = fetcher or Fetcher()
        self.clock = clock
        self.allow_local_links = allow_local_links
        self.once = once
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

    def failed(self) -> dict[str, str]:
        """The feeds whose last poll failed, and why."""
        return {feed: s.error for feed, s in self.state.items() if s.error}

    def poll(self, feed_url: str) -> list[Outcome]:
        """Fetch one feed and ingest its new entries; a failure only delays the feed."""
        state = self.state.setdefault(feed_url, FeedState())
        try:
            feed = parse_feed(self.fetcher.get(feed_url, FEED_TYPES), feed_url)
        except (FetchError, InputError) as error:
            self._failed(feed_url, state, str(error))
            return []
        state.failures, state.error, state.due = 0, None, self.clock() + self.interval
        new = [entry for entry in feed.entries if not self.seen.has(feed.url, entry.key)]
        outcomes = [self._ingest(feed, entry) for entry in new]
        log.info("%s: %d entries, %d new", feed_url, len(feed.entries), len(outcomes))
        return outcomes

    def _failed(self, feed_url: str, state: FeedState, error: str) -> None:
        state.failures, state.error = state.failures + 1, error
        delay = min(self.interval * 2**state.failures, MAX_BACKOFF)
        state.due = self.clock() + delay
        retry = "" if self.once else f", next try in {delay:.0f} s"
        log.warning("%s failed (%d in a row%s): %s", feed_url, state.failures, retry, error)

    def _ingest(self, feed: Feed, entry: FeedEntry) -> Outcome:
        article = self._article(feed, entry)
        (outcome,) = self.wire.ingest_iter([article])
        # Only after the article is stored: a crash in between re-reads the
        # entry next time, and the store recognises it as known.
        self.seen.add(feed.url, entry.key, outcome.article_id)
        level = logging.WARNING if outcome.status is Status.REJECTED else logging.INFO
        log.log(level, "%s", describe(outcome))
        for warning in outcome.warnings:
            log.warning("%s: %s", outcome.where, warning)
        return outcome

    def _article(self, feed: Feed, entry: FeedEntry) -> RawArticle:
        """The entry as an article: its fullest text, the feed's and the page's metadata."""
        link, refused = self._link(feed, entry)
        teaser = RawArticle(
            text=entry.content or entry.summary,
            origin=feed.url,
            id=entry_article_id(feed.url, entry.key),
            title=entry.title,
            date=entry.date,
            url=link,
            source=feed.title,
            lang=entry.lang,
            warnings=[*entry.warnings, *refused],
        )
        if entry.has_full_text or not link:
            return teaser
        page = self._page(link)
        if isinstance(page, str):
            teaser.warnings.append(page)
            return teaser
        return _filled_by_page(teaser, page)

    def _link(self, feed: Feed, entry: FeedEntry) -> tuple[str | None, list[str]]:
        """Where the entry's link leads, when the feed may lead there."""
        if not entry.link:
            return None, []
        try:
            return resolve_link(entry.link, feed.url, self.allow_local_links), []
        except FetchError as refused:
            return None, [f"{refused}; not followed"]

    def _page(self, link: str) -> RawArticle | str:
        """The article on the entry's page, read as a saved page is; else why not."""
        try:
            data = self.fetcher.get(link, PAGE_TYPES)
        except FetchError as error:
            return f"{error}; used the feed's summary"
        loaded = decode_file(data, link)
        if loaded is None:
            return f"{link} is in no encoding babelwire reads; used the feed's summary"
        page = parse_page(loaded.text, link, loaded.warnings)
        if isinstance(page, Rejection):
            return f"{link} has no main text; used the feed's summary"
        return page


def _filled_by_page(entry: RawArticle, page: RawArticle) -> RawArticle:
    """The page's text, and its metadata where the feed's entry said nothing."""
    canonical = page.url if page.url and is_web(page.url) else None
    return dataclasses.replace(
        entry,
        text=page.text,
        title=entry.title or page.title,
        date=entry.date or page.date,
        lang=entry.lang or page.lang,
        source=entry.source or page.source,
        url=canonical or entry.url,
        warnings=[*entry.warnings, *page.warnings],
    )
