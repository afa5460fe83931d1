"""A query watchdog: a PostgreSQL command that gets no answer for too long loses its socket.

Why: a frozen or wedged server (SIGSTOP, a stuck VM, a storage hang) keeps its TCP
connections alive in the kernel. A worker thread whose persistent connection sends a query
then waits forever: the statement timeout is the server's own (it is frozen too), libpq has
no client-side query timeout, and TCP keepalives never fire because the kernel still
acknowledges. Each such thread is one less thread serving the portal, until the server
wakes up (tools/faults/run.py measures it).

How: one daemon thread per process looks, every fraction of `DB_WATCHDOG_SECONDS`, at the
connections the request threads use, through psycopg's public API: a connection whose
`pgconn.transaction_status` is ACTIVE (a command sent, its answer not read yet) for the
same command longer than the limit gets its socket shut down (`pgconn.socket`, a
`shutdown()`, never a `close()`, so the descriptor stays psycopg's). The waiting thread
then reads "server closed the connection unexpectedly", an OperationalError that
anphong.middleware answers with a 503, and Django drops the connection at the end of the
request (the next one reconnects, bounded by the connect timeout).

The limit defaults to the statement timeout plus 2 s (anphong.settings.base): a healthy
server has cancelled the command by then, so only a server that does not answer at all is
cut. While the process is in a database outage (`anphong.views.database_outage`: it has
answered a 503 for an unreachable database — such a cut, a connect timeout — and no query
has succeeded since), a command is cut after `OUTAGE_GRACE` seconds instead: each
thread's persistent connection would otherwise wait the whole limit in turn. (Not at
once: right after the server is back, a health check the watchdog happens to see still
waiting for its answer must not be cut — the fault suite caught that.) The watchdog runs only where
requests are served (this middleware), never in management commands such as a long
migration.

Cost: per request, one registration (a dictionary look-up) and one execute wrapper
(a function call per query); the thread wakes a few times a second and reads one status
per open connection.
"""

import logging
import os
import socket
import threading
import time
import weakref
from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

from anphong.views import database_outage

logger = logging.getLogger(__name__)


class _Watched:
    """What the watchdog knows of one thread's connection wrapper."""

    __slots__ = ("queries", "seen", "since")

    def __init__(self):
        self.queries = 0  # counted by the execute wrapper: a new query is a new command
        self.seen = None  # (psycopg connection id, queries) of the command being timed
        self.since = 0.0


class QueryWatchdog:
    # Seconds a command may wait while the process is in a database outage: a server that
    # works answers a health check or a page's query well within it.
    OUTAGE_GRACE = 0.5

    def __init__(self, limit):
        self.limit = float(limit)
        self.interval = min(0.25, max(0.05, self.limit / 4))
        self._watched = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()
        self._pid = None
        self._thread = None

    # Request side

    def watch(self, wrapper):
        """Time `wrapper`'s commands (a Django DatabaseWrapper, PostgreSQL)."""
        state = self._watched.get(wrapper)
        if state is None:
            with self._lock:
                state = self._watched.setdefault(wrapper, _Watched())
        return state

    def unwatch(self, wrapper):
        """Stop timing `wrapper`'s commands: its request ended. Queries the thread makes
        outside a request are not counted (no execute wrapper), so several of them in a row
        would look like one long command and be cut."""
        with self._lock:
            self._watched.pop(wrapper, None)

    def is_watching(self, wrapper):
        return wrapper in self._watched

    def note_query(self, execute, sql, params, many, context):
        """Execute wrapper: count the query, so two queries are never timed as one."""
        state = self._watched.get(context["connection"])
        if state is not None:
            state.queries += 1
        return execute(sql, params, many, context)

    @property
    def running(self):
        """Whether the watchdog's thread runs in this process."""
        return self._pid == os.getpid() and self._thread is not None and self._thread.is_alive()

    def ensure_running(self):
        """Start the thread in this process (after a fork the parent's thread is gone)."""
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._thread = threading.Thread(target=self._run, name="db-query-watchdog", daemon=True)
            self._thread.start()
            self._pid = os.getpid()

    # Watchdog side

    def _run(self):
        while True:
            time.sleep(self.interval)
            try:
                self.check(time.monotonic())
            except Exception:  # noqa: BLE001 - the watchdog must outlive any surprise
                logger.exception("Database query watchdog: check failed")

    def check(self, now):
        """Cut every connection whose current command has waited `limit` seconds; return
        how many were cut."""
        from psycopg.pq import TransactionStatus

        # A 503 for an unreachable database was answered and nothing has reached it since.
        outage = database_outage.active
        with self._lock:
            items = list(self._watched.items())
        cut = 0
        for wrapper, state in items:
            conn = wrapper.connection
            try:
                active = conn is not None and (
                    not conn.closed and conn.pgconn.transaction_status == TransactionStatus.ACTIVE
                )
            except Exception:  # noqa: BLE001 - closed under our feet: nothing to time
                active = False
            if not active:
                state.seen = None
                continue
            seen = (id(conn), state.queries)
            if state.seen != seen:
                state.seen, state.since = seen, now
                continue
            waited = now - state.since
            limit = min(self.limit, self.OUTAGE_GRACE) if outage else self.limit
            if waited >= limit and self.cut(conn):
                state.seen = None
                cut += 1
                logger.warning(
                    "Database did not answer a query for %.1f s%s: connection cut (the "
                    "request answers 503)",
                    waited,
                    " during an outage" if outage else "",
                )
                outage = True  # its request answers 503: the outage starts now
        return cut

    @staticmethod
    def cut(conn):
        """Shut the connection's socket down (the descriptor stays open: psycopg owns it)."""
        try:
            duplicate = os.dup(conn.pgconn.socket)
        except Exception:  # noqa: BLE001 - the connection went away meanwhile
            return False
        with socket.socket(fileno=duplicate) as sock:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                return False
        return True


_watchdog = None
_watchdog_lock = threading.Lock()


def get_watchdog():
    """The process's watchdog, or None when DB_WATCHDOG_SECONDS is 0."""
    global _watchdog
    limit = getattr(settings, "DB_WATCHDOG_SECONDS", 0)
    if limit <= 0:
        return None
    with _watchdog_lock:
        if _watchdog is None or _watchdog.limit != float(limit):
            _watchdog = QueryWatchdog(limit)
        return _watchdog


class QueryWatchdogMiddleware:
    """Put the request's PostgreSQL connections under the query watchdog (module docstring).

    Sits before every middleware that may query (sessions, authentication). Removed from the
    chain (MiddlewareNotUsed) when DB_WATCHDOG_SECONDS is 0 or no database is PostgreSQL.
    """

    def __init__(self, get_response):
        self.watchdog = get_watchdog()
        self.aliases = [
            alias
            for alias, options in settings.DATABASES.items()
            if options["ENGINE"] == "django.db.backends.postgresql"
        ]
        if self.watchdog is None or not self.aliases:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        watchdog = self.watchdog
        watchdog.ensure_running()
        with ExitStack() as stack:
            for alias in self.aliases:
                wrapper = connections[alias]
                watchdog.watch(wrapper)
                stack.callback(watchdog.unwatch, wrapper)
                stack.enter_context(wrapper.execute_wrapper(watchdog.note_query))
            return self.get_response(request)
