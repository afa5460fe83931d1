"""Cross-cutting middleware."""

from django.db import DatabaseError, InterfaceError, OperationalError

from anphong.views import database_unavailable

# Errors that mean "the database cannot be reached", not "the query is wrong".
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)


def is_database_down(exc):
    return isinstance(exc, DATABASE_DOWN_ERRORS) and not _is_lock_timeout(exc)


def _is_lock_timeout(exc):
    # SQLite reports a busy lock as OperationalError too; that is not an outage.
    return isinstance(exc, DatabaseError) and "locked" in str(exc).lower()


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After while the database is unreachable, instead of a 500.

    The connection is discarded by Django's request-finished handler (errors_occurred),
    so the next request reconnects and the site recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_down(exception):
            return database_unavailable(request)
        return None
