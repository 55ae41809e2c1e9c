"""The outbox's sender: every pending delivery POSTed, signed, until it arrives or expires.

    Sender(db, public_url).start()    a background thread (serve)
    started(db)                       the same, as the settings say (watch, worker)
    sender.wake()                     a change was just committed: look now
    sender.send_due()                 one pass (what the thread repeats)

Deliveries are at least once: a delivery is claimed with a lease (a sender
killed mid-send lets it go again when the lease ends), POSTed, and only then
marked delivered; a receiver drops repeats by the body's `id`. A receiver that
is down, times out or answers 408, 429 or 5xx is tried again after a growing
wait (RetryPolicy); a delivery still failing `give_up_after` seconds after
its change, or refused outright (another 4xx, a redirect, a target that now
leads to a private address), is marked failed, with the last status code and
error on `GET /api/subscriptions/{id}`. Several senders (several services,
a watcher) may share one store: the lease keeps them apart.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from babelwire import config
from babelwire.alerts.figures import find_disputes
from babelwire.alerts.signing import HEADER, signature
from babelwire.alerts.targets import TargetRefused, check_target
from babelwire.store import Store, open_store
from babelwire.store.alerts import Due, Recorded

log = logging.getLogger("babelwire.alerts")

USER_AGENT = "babelwire/0.1 (webhooks)"
RETRIED = {408, 429}  # besides every 5xx: the receiver asks to be tried later


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait between tries, and when to give up.

    The defaults try again after 5 s, then 10, 20 ... at most an hour
    apart, for a day: a receiver down overnight still gets everything.
    """

    first: float = 5.0
    factor: float = 2.0
    longest: float = 3600.0
    give_up_after: float = 24 * 3600.0
    timeout: float = 10.0  # seconds for one request
    lease: float = 60.0  # a claimed delivery goes again after this if its sender died
    poll: float = 1.0  # seconds between two looks at the outbox when not woken

    def wait(self, attempts: int) -> float:
        """Seconds before the next try, after `attempts` failed ones."""
        return float(min(self.first * self.factor ** max(attempts - 1, 0), self.longest))


@dataclass
class Attempt:
    code: int | None
    error: str | None
    retry: bool  # worth trying again

    @property
    def delivered(self) -> bool:
        return self.code is not None and 200 <= self.code < 300


def delivery_body(due: Due, public_url: str) -> bytes:
    """The JSON a receiver gets: the same on every try (the signature's `t` is not)."""
    change = due.change
    event = change["event"]
    body: dict[str, Any] = {
        "id": due.id,
        "kind": change["kind"],
        "subscription_id": due.subscription_id,
        "at": change["at"],
        "event": {key: event[key] for key in ("id", "headline", "languages", "article_ids")},
        "changed": change["changed"],
        "url": f"{public_url.rstrip('/')}/events/{quote(event['id'], safe='')}",
    }
    return json.dumps(body, ensure_ascii=False).encode()


class Sender:
    def __init__(
        self,
        db: str,
        public_url: str,
        allow_private: bool = False,
        policy: RetryPolicy | None = None,
        batch: int = 100,
        connections: int = 8,
    ) -> None:
        self.db = db
        self.public_url = public_url
        self.allow_private = allow_private
        self.policy = policy or RetryPolicy()
        self.batch = batch
        self._connections = connections
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._store: Store | None = None
        self._client: httpx.Client | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._disputes_read = -math.inf  # when figures were last looked at

    # -- the background thread ----------------------------------------------

    def start(self) -> Sender:
        self._thread = threading.Thread(target=self._run, name="babelwire-sender", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=self.policy.timeout + 5)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    sent = self.send_due()
                except Exception:  # the loop outlives a store or network hiccup
                    log.exception("sending webhooks failed; trying again shortly")
                    sent = 0
                if not sent:
                    self._wake.wait(self.policy.poll)
                    self._wake.clear()
        finally:
            self.close()

    # -- one pass -------------------------------------------------------------

    def send_due(self) -> int:
        """Send the deliveries due now (one batch); returns how many were tried."""
        store = self._open()
        self._find_disputes(store)
        now = time.time()
        due = store.claim_deliveries(now, self.policy.lease, self.batch)
        if not due:
            return 0
        assert self._pool is not None
        attempts = list(self._pool.map(self._attempt, due))
        done = time.time()
        recorded = []
        for delivery, attempt in zip(due, attempts, strict=True):
            status, next_at = self._outcome(delivery, attempt, done)
            recorded.append(
                Recorded(delivery.seq, status, attempt.code, attempt.error, next_at, done)
            )
            log.log(
                logging.INFO if status == "delivered" else logging.WARNING,
                "webhook %s %s to %s: %s",
                delivery.id,
                delivery.change["kind"],
                delivery.url,
                status if attempt.error is None else f"{status} ({attempt.error})",
            )
        store.record_deliveries(recorded)
        return len(due)

    def _find_disputes(self, store: Store) -> None:
        """figures.disagree, found after the fact: once a poll interval is enough."""
        now = time.monotonic()
        if now - self._disputes_read >= self.policy.poll:
            self._disputes_read = now
            find_disputes(store)

    def _outcome(self, due: Due, attempt: Attempt, now: float) -> tuple[str, float]:
        if attempt.delivered:
            return "delivered", now
        next_at = now + self.policy.wait(due.attempts + 1)
        if attempt.retry and next_at <= due.created + self.policy.give_up_after:
            return "pending", next_at
        return "failed", now

    def _attempt(self, due: Due) -> Attempt:
        try:
            check_target(due.url, self.allow_private)  # a name may resolve elsewhere now
        except TargetRefused as error:
            return Attempt(None, str(error), retry=False)
        body = delivery_body(due, self.public_url)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            HEADER: signature(due.secret, int(time.time()), body),
            "X-Babelwire-Delivery": due.id,
        }
        assert self._client is not None
        try:
            response = self._client.post(due.url, content=body, headers=headers)
        except httpx.HTTPError as error:
            return Attempt(None, f"{type(error).__name__}: {error}", retry=True)
        code = response.status_code
        if 200 <= code < 300:
            return Attempt(code, None, retry=False)
        if 300 <= code < 400:
            return Attempt(code, "redirects are not followed: give the final URL", retry=False)
        return Attempt(code, f"the receiver answered {code}", retry=code >= 500 or code in RETRIED)

    def _open(self) -> Store:
        if self._store is None:
            self._store = open_store(self.db)
            self._client = httpx.Client(timeout=self.policy.timeout, follow_redirects=False)
            self._pool = ThreadPoolExecutor(self._connections, thread_name_prefix="babelwire-hook")
        return self._store

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._store is not None:
            self._store.close()
            self._store = None


def started(db: str, allow_private_hooks: bool | None = None) -> Sender:
    """The outbox's sender on its own thread, with the settings' public URL and,
    unless given, their allowance of private targets."""
    allowed = config.allow_private_hooks() if allow_private_hooks is None else allow_private_hooks
    return Sender(db, config.public_url(), allowed).start()
