"""The query watchdog (anphong/db_watchdog.py): a PostgreSQL command that gets no answer for
DB_WATCHDOG_SECONDS loses its socket, so a frozen server cannot hold a worker's thread
(issue 15; tools/faults/run.py shows it against a SIGSTOPped server)."""

import threading
import time
from unittest import mock

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import OperationalError, connection
from django.test import override_settings
from psycopg.pq import TransactionStatus

from anphong.db_watchdog import QueryWatchdog, QueryWatchdogMiddleware
from anphong.views import database_outage
from tests.anphong.test_settings import _settings


@pytest.fixture
def no_outage():
    """Start and leave the test outside a database outage (a process-wide state)."""
    database_outage.ended()
    yield
    database_outage.ended()


class FakePgconn:
    def __init__(self, status):
        self.transaction_status = status
        self.socket = -1  # never reached: the fakes' commands are not cut


class FakeConnection:
    closed = False

    def __init__(self, status):
        self.pgconn = FakePgconn(status)


class FakeWrapper:
    """What the watchdog reads of Django's DatabaseWrapper: `connection`."""

    def __init__(self, status):
        self.connection = FakeConnection(status)


def test_an_idle_connection_is_never_cut():
    watchdog = QueryWatchdog(2)
    wrapper = FakeWrapper(TransactionStatus.IDLE)
    watchdog.watch(wrapper)
    for now in (0, 5, 50, 500):
        assert watchdog.check(now) == 0


def test_a_command_is_timed_from_when_it_is_first_seen_active(monkeypatch):
    cut = []
    monkeypatch.setattr(QueryWatchdog, "cut", staticmethod(lambda conn: cut.append(conn) or True))
    watchdog = QueryWatchdog(2)
    wrapper = FakeWrapper(TransactionStatus.ACTIVE)
    watchdog.watch(wrapper)
    assert watchdog.check(100.0) == 0  # first seen
    assert watchdog.check(101.9) == 0  # not yet the limit
    assert watchdog.check(102.0) == 1
    assert cut == [wrapper.connection]


def test_two_queries_are_never_timed_as_one(monkeypatch):
    monkeypatch.setattr(QueryWatchdog, "cut", staticmethod(lambda conn: True))
    watchdog = QueryWatchdog(2)
    wrapper = FakeWrapper(TransactionStatus.ACTIVE)
    watchdog.watch(wrapper)
    watchdog.check(0.0)
    for now in (1.5, 3.0, 4.5, 6.0):
        # A new query began since the last look (the execute wrapper counts it).
        watchdog.note_query(lambda *args: None, "SELECT 1", (), False, {"connection": wrapper})
        assert watchdog.check(now) == 0


def test_a_connection_between_commands_restarts_the_clock(monkeypatch):
    monkeypatch.setattr(QueryWatchdog, "cut", staticmethod(lambda conn: True))
    watchdog = QueryWatchdog(2)
    wrapper = FakeWrapper(TransactionStatus.ACTIVE)
    watchdog.watch(wrapper)
    watchdog.check(0.0)
    wrapper.connection.pgconn.transaction_status = TransactionStatus.INTRANS
    watchdog.check(1.0)
    wrapper.connection.pgconn.transaction_status = TransactionStatus.ACTIVE
    assert watchdog.check(2.5) == 0  # the command seen at 0 s ended
    assert watchdog.check(4.5) == 1


def test_during_an_outage_a_waiting_command_is_cut_after_a_short_grace(monkeypatch, no_outage):
    """Once the process answers 503s for an unreachable database (anphong.views'
    database_outage, which ends when a query succeeds), each thread's persistent
    connection does not wait the whole limit in turn."""
    monkeypatch.setattr(QueryWatchdog, "cut", staticmethod(lambda conn: True))
    watchdog = QueryWatchdog(2)
    first, second = FakeWrapper(TransactionStatus.ACTIVE), FakeWrapper(TransactionStatus.IDLE)
    watchdog.watch(first)
    watchdog.watch(second)
    watchdog.check(0.0)
    assert watchdog.check(2.0) == 1
    first.connection.pgconn.transaction_status = TransactionStatus.UNKNOWN  # it gave up
    # Its request answered 503: the outage is on.
    database_outage.started(OperationalError("server closed the connection unexpectedly"))
    second.connection.pgconn.transaction_status = TransactionStatus.ACTIVE  # a health check
    assert watchdog.check(2.25) == 0  # first seen: a server that is back answers it at once
    assert watchdog.check(2.5) == 0
    assert watchdog.check(2.75) == 1  # QueryWatchdog.OUTAGE_GRACE, not the 2 s limit
    # A query reached the database: the outage is over, the limit is back.
    database_outage.ended()
    second.connection.pgconn.transaction_status = TransactionStatus.ACTIVE
    assert watchdog.check(3.0) == 0
    assert watchdog.check(4.5) == 0 and watchdog.check(5.0) == 1


def test_a_cut_starts_the_outage_for_the_rest_of_the_same_look(monkeypatch, no_outage):
    monkeypatch.setattr(QueryWatchdog, "cut", staticmethod(lambda conn: True))
    watchdog = QueryWatchdog(2)
    old, young = FakeWrapper(TransactionStatus.ACTIVE), FakeWrapper(TransactionStatus.IDLE)
    watchdog.watch(old)
    watchdog.watch(young)
    watchdog.check(0.0)
    young.connection.pgconn.transaction_status = TransactionStatus.ACTIVE
    watchdog.check(1.0)
    assert watchdog.check(2.0) == 2  # the old one waited 2 s; the young one 1 s, over 0.5 s


def test_a_closed_connection_is_left_alone():
    watchdog = QueryWatchdog(1)
    wrapper = FakeWrapper(TransactionStatus.ACTIVE)
    wrapper.connection = None
    watchdog.watch(wrapper)
    assert watchdog.check(0) == 0 and watchdog.check(10) == 0


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_a_real_command_waiting_too_long_is_cut_and_raises_operational_error():
    """On a real PostgreSQL connection: the waiting thread gets an OperationalError (which
    anphong.middleware answers with a 503) as soon as the watchdog cuts the socket."""
    if connection.vendor != "postgresql":
        pytest.skip("the watchdog reads psycopg's connection state")
    import psycopg

    raw = connection.get_new_connection(connection.get_connection_params())
    backend = raw.info.backend_pid

    class Wrapper:
        pass

    wrapper = Wrapper()
    wrapper.connection = raw
    watchdog = QueryWatchdog(0.2)
    watchdog.watch(wrapper)
    raised = []

    def wait_on_the_server():
        try:
            raw.execute("SELECT pg_sleep(10)")
        except psycopg.OperationalError as exc:
            raised.append(exc)

    waiting = threading.Thread(target=wait_on_the_server)
    started = time.monotonic()
    waiting.start()
    try:
        deadline = started + 5
        while waiting.is_alive() and time.monotonic() < deadline:
            watchdog.check(time.monotonic())
            time.sleep(0.05)
        waiting.join(5)
        assert raised, "the command was not cut"
        assert time.monotonic() - started < 3
    finally:
        raw.close()
        # The server does not notice a client gone during pg_sleep: end its backend, or it
        # holds the test database until the sleep ends.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend])


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_middleware_puts_each_request_under_the_watchdog():
    if connection.vendor != "postgresql":
        pytest.skip("the watchdog watches PostgreSQL connections")
    from django.db import connections
    from django.test import Client

    from anphong.db_watchdog import get_watchdog

    counted = []
    real_note_query = QueryWatchdog.note_query

    def note_query(self, execute, sql, params, many, context):
        counted.append((self.is_watching(context["connection"]), sql))
        return real_note_query(self, execute, sql, params, many, context)

    with (
        override_settings(DB_WATCHDOG_SECONDS=7),
        mock.patch.object(QueryWatchdog, "note_query", note_query),
    ):
        assert Client().get("/healthz").status_code == 200
        watchdog = get_watchdog()
    assert watchdog.limit == 7 and watchdog.running
    assert (True, "SELECT 1") in counted  # the health check's query, timed while it ran
    # The request over, the thread's later queries (a test's, a command's: not counted)
    # are not timed as one long command.
    assert not watchdog.is_watching(connections["default"])


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_the_middleware_steps_aside_when_the_watchdog_is_off():
    with override_settings(DB_WATCHDOG_SECONDS=0), pytest.raises(MiddlewareNotUsed):
        QueryWatchdogMiddleware(lambda request: None)
    sqlite = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    with (
        override_settings(DB_WATCHDOG_SECONDS=5, DATABASES=sqlite),
        pytest.raises(MiddlewareNotUsed),
    ):
        QueryWatchdogMiddleware(lambda request: None)


def test_the_limit_follows_the_statement_timeout():
    url = {"DATABASE_URL": "postgres://u:p@db.internal:5432/anphong"}
    assert _settings(url, "s.DB_WATCHDOG_SECONDS") == 17
    assert _settings({**url, "DB_STATEMENT_TIMEOUT": "2000"}, "s.DB_WATCHDOG_SECONDS") == 4
    assert _settings({**url, "DB_STATEMENT_TIMEOUT": "0"}, "s.DB_WATCHDOG_SECONDS") == 0
    assert _settings({**url, "DB_WATCHDOG_SECONDS": "6"}, "s.DB_WATCHDOG_SECONDS") == 6
    assert _settings({}, "s.DB_WATCHDOG_SECONDS") == 0  # SQLite: nothing to watch
