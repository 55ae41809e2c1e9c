"""The `serve` and `watch` commands (registered on the `babelwire` group).

The web framework and HTTP client are imported when a command runs, so the
rest of the CLI starts as fast as before.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING

import click

from babelwire import config
from babelwire.options import DB_OPTION, PRIVATE_HOOKS_OPTION
from babelwire.store import shown

if TYPE_CHECKING:
    from babelwire.service.watch import Watcher

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@click.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--token",
    default=None,
    help="Write token: POST /api/articles then needs `Authorization: Bearer TOKEN` "
    "[default: $BABELWIRE_TOKEN; none: writes are open].",
)
@click.option(
    "--queue",
    "queued",
    is_flag=True,
    help="POST /api/articles puts the articles on the queue of a PostgreSQL store for "
    "`babelwire worker`s and answers `queued`; GET /api/articles/ID follows each.",
)
@PRIVATE_HOOKS_OPTION
def serve(
    db: str | None,
    host: str,
    port: int,
    token: str | None,
    queued: bool,
    allow_private_hooks: bool | None,
) -> None:
    """Serve the JSON API and the web pages on the store the CLI uses.

    Pages at http://HOST:PORT/ (updated live), the API under /api, its docs
    at /docs; the queue's backlog (a PostgreSQL store worked by `babelwire
    worker`s) at /queue and /api/queue. It also sends the subscriptions'
    webhooks (see `babelwire subscribe`).
    """
    import uvicorn

    from babelwire.service.app import create_app

    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    token = config.setting("token") if token is None else token
    if not token and host not in ("127.0.0.1", "localhost", "::1"):
        logging.getLogger("babelwire.service").warning(
            "no write token and listening on %s: anyone who reaches it can post articles", host
        )
    public_url = config.public_url(f"http://{host}:{port}")
    app = create_app(
        db,
        token=token,
        queued=queued,
        allow_private_hooks=allow_private_hooks,
        public_url=public_url,
    )
    click.echo(
        f"babelwire on {shown(config.db_location(db))}: http://{host}:{port}/ (API docs at /docs)"
    )
    # Open live streams (the pages', any /api/stream client) would hold a shutdown forever.
    uvicorn.run(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=5)


@click.command()
@click.argument("sources", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "--interval",
    type=click.FloatRange(min=1),
    default=300,
    show_default=True,
    help="Seconds between two polls of a feed (a failing feed waits longer and longer).",
)
@click.option("--once", is_flag=True, help="Poll each feed once, then exit (1 if any failed).")
@click.option(
    "--allow-local-links",
    is_flag=True,
    help="Let feed and OPML files on this machine name local files. Links in feeds "
    "fetched over http(s) are always followed over http(s) only.",
)
@PRIVATE_HOOKS_OPTION
def watch(
    sources: tuple[str, ...],
    db: str | None,
    interval: float,
    once: bool,
    allow_local_links: bool,
    allow_private_hooks: bool | None,
) -> None:
    """Watch RSS/Atom feeds and ingest new entries as they appear.

    SOURCES are feed URLs, feed files, or OPML files listing feeds. Entries
    whose feed carries only a summary are read from their page. What was
    already read is remembered in the store, so a restart resumes. Unless
    --once, it also sends the subscriptions' webhooks, as `serve` does.
    """
    import babelwire
    from babelwire.alerts.sender import started
    from babelwire.service.fetch import Fetcher
    from babelwire.service.watch import Watcher, expand_sources

    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    fetcher = Fetcher()
    with babelwire.open(db) as wire:
        feeds = expand_sources(list(sources), fetcher, allow_local_links)
        watcher = Watcher(
            wire, feeds, interval, fetcher, allow_local_links=allow_local_links, once=once
        )
        if not watcher.feeds:
            raise click.ClickException("no feeds in the sources given")
        sender = None if once else started(config.db_location(db), allow_private_hooks)
        try:
            if once:
                _poll_once(watcher)
            else:
                watcher.run()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
        finally:
            fetcher.close()
            if sender is not None:
                sender.stop()


def _poll_once(watcher: Watcher) -> None:
    """One pass; the summary, and exit status 1 naming each feed that failed."""
    outcomes = watcher.poll_due()
    counts = Counter(outcome.status.value for outcome in outcomes)
    warned = sum(1 for outcome in outcomes if outcome.warnings)
    click.echo(
        f"ingested {counts['ingested']}, already known {counts['known']}, "
        f"rejected {counts['rejected']}, copies {counts['copy']}, with warnings {warned}"
    )
    failed = watcher.failed()
    for feed, error in failed.items():
        click.echo(f"failed: {feed}: {error}", err=True)
    if failed:
        raise SystemExit(1)
