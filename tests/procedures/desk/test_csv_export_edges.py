"""CSV export edges: a naive date-time (a management command's own value) is written as is."""

import datetime as dt

from procedures.csv_export import neutralise


def test_naive_datetime_is_written_day_first_without_conversion(clock):
    moment = dt.datetime(2026, 2, 12, 8, 5)  # no time zone: nothing to convert
    assert neutralise(moment) == "12/02/2026 08:05"
