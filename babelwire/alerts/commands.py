"""The `subscribe`, `subscriptions` and `unsubscribe` commands: the API's
/api/subscriptions from the command line, on the store directly."""

from __future__ import annotations

import json
from typing import Any

import click

from babelwire import config
from babelwire.alerts.changes import KINDS
from babelwire.alerts.subscriptions import new_subscription
from babelwire.options import DB_OPTION, JSON_OPTION
from babelwire.store import open_store


@click.command()
@click.argument("url")
@click.option("--q", default=None, help="Words the event must match, as `GET /api/events?q=`.")
@click.option(
    "--lang",
    "languages",
    multiple=True,
    help="An event with an article in this language (repeat for any of several).",
)
@click.option("--min-articles", type=click.IntRange(min=0), default=None)
@click.option("--min-sources", type=click.IntRange(min=0), default=None)
@click.option("--min-languages", type=click.IntRange(min=0), default=None)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help="A kind of change wanted (repeat for several; default: every kind).",
)
@click.option(
    "--allow-private-hooks",
    is_flag=True,
    default=None,
    help="Accept a loopback or private URL [default: $BABELWIRE_ALLOW_PRIVATE_HOOKS]; the "
    "service that sends must allow it too.",
)
@DB_OPTION
@JSON_OPTION
def subscribe(
    url: str,
    q: str | None,
    languages: tuple[str, ...],
    min_articles: int | None,
    min_sources: int | None,
    min_languages: int | None,
    kinds: tuple[str, ...],
    allow_private_hooks: bool | None,
    db: str | None,
    as_json: bool,
) -> None:
    """Send each change to events that match to URL, as a signed JSON POST.

    `serve`, `watch` or `babelwire worker`s send them. The secret that signs them is printed
    now and never again: keep it to check X-Babelwire-Signature.
    """
    given: dict[str, Any] = {
        "url": url,
        "q": q,
        "languages": list(languages) or None,
        "min_articles": min_articles,
        "min_sources": min_sources,
        "min_languages": min_languages,
        "kinds": list(kinds) or None,
    }
    allowed = config.allow_private_hooks() if allow_private_hooks is None else allow_private_hooks
    made = new_subscription({k: v for k, v in given.items() if v is not None}, allowed)
    store = open_store(db)
    try:
        stored = store.add_subscription(made)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps({**stored.public(), "secret": stored.secret}, indent=2))
        return
    click.echo(f"subscribed {stored.id} -> {stored.url}")
    click.echo(f"secret (shown only now): {stored.secret}")


@click.command()
@DB_OPTION
@JSON_OPTION
def subscriptions(db: str | None, as_json: bool) -> None:
    """The subscriptions, with how many deliveries are pending, delivered and failed."""
    from babelwire.service.alerts_api import subscription_status

    store = open_store(db, create=False)
    try:
        found = [subscription_status(store, sub.id) for sub in store.subscriptions()]
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    for sub in found:
        counts = sub["deliveries"]
        click.echo(
            f"{sub['id']}  {sub['url']}  {_filter_text(sub)}  pending {counts['pending']}, "
            f"delivered {counts['delivered']}, failed {counts['failed']}"
        )
        failed = next((d for d in sub["last_deliveries"] if d["status"] == "failed"), None)
        if failed:
            click.echo(
                f"    last failure: {failed['kind']} {failed['event_id']}: {failed['last_error']}"
            )
    if not found:
        click.echo("no subscriptions (add one with `babelwire subscribe URL`)")


def _filter_text(sub: dict[str, Any]) -> str:
    parts = [f"q={sub['q']!r}"] if sub["q"] else []
    if sub["languages"]:
        parts.append("lang=" + ",".join(sub["languages"]))
    parts += [
        f"{name}={sub[name]}"
        for name in ("min_articles", "min_sources", "min_languages")
        if sub[name]
    ]
    parts.append("kinds=" + (",".join(sub["kinds"]) or "all"))
    return " ".join(parts)


@click.command()
@click.argument("subscription_id")
@DB_OPTION
def unsubscribe(subscription_id: str, db: str | None) -> None:
    """Remove a subscription, and the deliveries it still had to make."""
    store = open_store(db, create=False)
    try:
        store.remove_subscription(subscription_id)
    finally:
        store.close()
    click.echo(f"unsubscribed {subscription_id}")
