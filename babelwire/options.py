"""Command-line options every command that touches a store shares.

Kept apart from cli.py so that the commands defined beside their subsystems
(service, describe, queue) use the same options without importing the CLI.
"""

from __future__ import annotations

import click

DB_OPTION = click.option(
    "--db",
    default=None,
    help="Store: an SQLite file, or a postgresql://user@host:port/dbname URL "
    "[default: $BABELWIRE_DB, else ./babelwire.db].",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
PRIVATE_HOOKS_OPTION = click.option(
    "--allow-private-hooks",
    is_flag=True,
    default=None,
    help="Send webhooks to loopback and private addresses too (refused otherwise: a "
    "webhook makes this machine send requests) [default: $BABELWIRE_ALLOW_PRIVATE_HOOKS].",
)
