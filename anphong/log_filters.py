"""Logging filters of the project (wired in settings.LOGGING)."""

import logging

from anphong.views import database_outage


class SkipDuringDatabaseOutage(logging.Filter):
    """Drop django.request's line for each 503 answered while the database is down.

    An outage is logged once when it starts and once when it ends
    (anphong.views.database_outage); without this, each request of a 15 s outage logged its
    own line and traceback (tens of thousands of lines). Other 503s are logged as usual.
    """

    def filter(self, record):
        return not (getattr(record, "status_code", None) == 503 and database_outage.active)
