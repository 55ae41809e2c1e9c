"""What only the PostgreSQL backend meets: a server that is away, a refused
login, a schema from a newer babelwire, a missing driver, the round trips an
article costs. A real server."""

from __future__ import annotations

import itertools
import socket
import sys
import tempfile

import psycopg
import pytest
from click.testing import CliRunner

from babelwire.cli import main
from babelwire.cluster.online import OnlineLinker
from babelwire.errors import NotFound, StoreError
from babelwire.store import EventFilter, open_store, schema
from babelwire.store.postgres_schema import LATEST, MIGRATIONS
from bench import synthetic
from tests.store.helpers import _add, _article


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once it is closed


def _one_line_error(url: str) -> str:
    result = CliRunner().invoke(main, ["events", "--db", url])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1, result.output
    return result.output


def test_both_schemas_end_at_the_same_version():
    assert len(schema.MIGRATIONS) == LATEST


def test_an_unreachable_server_is_one_clear_line():
    url = f"postgresql://postgres@127.0.0.1:{_closed_port()}/news"
    assert "cannot reach the PostgreSQL server" in _one_line_error(url)


def test_a_refused_login_is_one_clear_line_and_hides_the_password(postgres_server):
    postgres_server.admin("DO $$ BEGIN CREATE ROLE reader LOGIN PASSWORD 'right'; "
                          "EXCEPTION WHEN duplicate_object THEN NULL; END $$")  # fmt: skip
    url = postgres_server.new_database().replace("postgres@", "reader:wrong@")
    output = _one_line_error(url)
    assert "refused the login" in output
    assert "wrong" not in output


def test_a_missing_database_is_named(postgres_server):
    output = _one_line_error(postgres_server.url("no_such_database"))
    assert "no such database" in output


def test_a_reading_command_creates_nothing_in_an_empty_database(postgres_server):
    url = postgres_server.new_database()
    with pytest.raises(NotFound, match="no store at"):
        open_store(url, create=False)
    with psycopg.connect(url) as connection:
        tables = connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone()[0] == 0


def test_a_schema_newer_than_this_babelwire_is_refused_untouched(postgres_server):
    url = postgres_server.new_database()
    store = open_store(url)
    _add(store, _article(1))
    store.close()
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StoreError, match="schema version 99, newer"):
        open_store(url)
    with psycopg.connect(url) as connection:
        assert connection.execute("SELECT version FROM schema_version").fetchone()[0] == 99


def test_without_the_driver_a_server_url_says_what_to_install(postgres_server, monkeypatch):
    url = postgres_server.new_database()
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(StoreError) as error:
        open_store(url)
    assert "pip install 'babelwire[postgres]'" in str(error.value)


def _round_trips(store, work) -> int:
    """How many times `work` waited for the server: requests sent, then answers read."""
    connection = store.db._connection.pgconn
    with tempfile.TemporaryFile("w+") as trace:
        connection.trace(trace.fileno())
        try:
            work()
        finally:
            connection.untrace()
        trace.seek(0)
        sides = [line.split("\t")[1] for line in trace if line.count("\t") >= 3]
    return sum(1 for pair in itertools.pairwise(sides) if pair == ("F", "B"))


def test_linking_an_article_takes_four_round_trips(postgres_server):
    """Lock and identity check; the words' document frequencies; the article's
    row (with whether subscriptions changed); the event, the running sums, its
    change in the log and COMMIT. The rest, the event as the alerts see it
    included, is held in memory, and statements whose answers nobody reads
    travel with the next one read."""
    store, linker = open_store(postgres_server.new_database()), OnlineLinker()
    stream = list(synthetic.stream(12, seed=3))

    def link(article, features) -> None:
        with store.transaction():
            assert store.known(article) is None
            store.add(article, features, linker.decide(features, store))

    for article, features in stream[:10]:
        link(article, features)
    assert [_round_trips(store, lambda item=item: link(*item)) for item in stream[10:]] == [4, 4]
    store.close()


def test_every_statement_of_a_link_reads_by_index_however_small_the_store_was(
    postgres_server,
):
    """A statement is planned once per connection (prepared), maybe while the
    tables hold a few rows and have no statistics yet; that plan is kept until
    autovacuum next gathers them. The plans made then must not read every row."""
    store, linker = open_store(postgres_server.new_database()), OnlineLinker()
    for article, features in synthetic.stream(8, seed=3):  # psycopg prepares from the 6th
        with store.transaction():
            assert store.known(article) is None
            store.add(article, features, linker.decide(features, store))
    store.db.execute("SET plan_cache_mode = force_generic_plan")
    prepared = store.db.execute(
        "SELECT name, statement, cardinality(parameter_types) FROM pg_prepared_statements"
    ).fetchall()
    assert any("content_hash" in statement for _, statement, _ in prepared)
    for name, statement, parameters in prepared:
        arguments = f"({', '.join(['NULL'] * parameters)})" if parameters else ""
        plan = store.db.execute(f"EXPLAIN EXECUTE {name}{arguments}").fetchall()
        scans = {row[0].split("Seq Scan on ")[1].split()[0] for row in plan if "Seq Scan" in row[0]}
        assert not scans & GROWING, statement
    store.close()


# The tables that grow with the stream.
GROWING = {"articles", "events", "term_stats", "changes", "event_history"}


def test_a_store_of_schema_12_is_indexed_for_search(postgres_server):
    url = postgres_server.new_database()
    with psycopg.connect(url, autocommit=True) as connection:
        for _, script in [(n, s) for n, s in MIGRATIONS if n <= 12]:
            connection.execute(script)
        connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        connection.execute("INSERT INTO schema_version (version) VALUES (12)")
        connection.execute(
            "INSERT INTO events (id, headline, headline_key, headline_lang, updated_seq, size, "
            "centroid, names) VALUES ('ev-a', 'Protests in Bishkek', 'protestsinbishkek', 'en', "
            "1, 1, %s, '{\"atambaiev\": 1}')",
            (bytes(16),),
        )
        connection.execute(
            "INSERT INTO articles (id, content_hash, event_id, raw_text, text, title, title_key, "
            "lang, lang_confidence, evidence, names) VALUES ('a0', 'h0', 'ev-a', 'r', 't', "
            "'Bishkek vote', 'bishkekvote', 'en', 1, '{}', '{\"atambaiev\": 1}')"
        )
    store = open_store(url)
    assert [e.id for e in store.find_events(EventFilter(q="atamba vote"))] == ["ev-a"]
    indexes = store.db.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%search'")
    assert sorted(row[0] for row in indexes) == [
        "articles_names_search", "articles_title_search", "events_headline_search"
    ]  # fmt: skip
    store.close()


def test_a_user_who_may_not_create_the_text_index_is_told_who_can(postgres_server):
    url = postgres_server.new_database()
    name = url.rsplit("/", 1)[1]
    postgres_server.admin("DO $$ BEGIN CREATE ROLE writer LOGIN PASSWORD 'w'; "
                          "EXCEPTION WHEN duplicate_object THEN NULL; END $$")  # fmt: skip
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("GRANT CREATE ON SCHEMA public TO writer")
    with pytest.raises(StoreError, match="CREATE EXTENSION pg_trgm") as error:
        open_store(url.replace("postgres@", "writer:w@")).connect()
    assert f"/{name}" in str(error.value)
    with psycopg.connect(url) as connection:  # nothing was left half made
        tables = connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone()[0] == 0
