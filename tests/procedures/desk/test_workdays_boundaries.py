"""The working-day calendar at the edges of office hours (07:30–11:30, 13:30–17:00).

The receipt rule of procedures.workdays: a dossier accepted on a working day *before* closing
time is received that day; at closing time or after, on the next working day; early
morning and the lunch break are before closing time. Office time is counted to the
second: the earliest moment a duration has passed, the latest moment it can start from.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from procedures import workdays

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# An ordinary week with no holiday, in which every test's clock is stopped.
FRIDAY = dt.date(2026, 2, 27)
MONDAY = dt.date(2026, 3, 2)
TUESDAY = dt.date(2026, 3, 3)
SECOND = dt.timedelta(seconds=1)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def calendar(clock):
    clock.now = dt.datetime.combine(MONDAY, dt.time(10), tzinfo=VN)
    return workdays.get_calendar()


def monday(hh, mm, ss=0, us=0):
    return dt.datetime.combine(MONDAY, dt.time(hh, mm, ss, us), tzinfo=VN)


def test_the_week_is_ordinary(calendar):
    assert [calendar.is_working_day(d) for d in (FRIDAY, MONDAY, TUESDAY)] == [True] * 3
    assert calendar.next_working_day(FRIDAY) == MONDAY
    assert calendar.office_hours == (
        (dt.time(7, 30), dt.time(11, 30)),
        (dt.time(13, 30), dt.time(17, 0)),
    )


@pytest.mark.parametrize(
    ("moment", "received"),
    [
        pytest.param(monday(7, 29, 59), MONDAY, id="07:29:59 early morning"),
        pytest.param(monday(7, 30), MONDAY, id="07:30:00 opening"),
        pytest.param(monday(7, 30, 1), MONDAY, id="07:30:01"),
        pytest.param(monday(11, 29, 59), MONDAY, id="11:29:59"),
        pytest.param(monday(11, 30), MONDAY, id="11:30:00 lunch"),
        pytest.param(monday(11, 30, 1), MONDAY, id="11:30:01 lunch"),
        pytest.param(monday(13, 29, 59), MONDAY, id="13:29:59 lunch"),
        pytest.param(monday(13, 30), MONDAY, id="13:30:00 afternoon"),
        pytest.param(monday(13, 30, 1), MONDAY, id="13:30:01"),
        pytest.param(monday(16, 59, 59), MONDAY, id="16:59:59"),
        pytest.param(monday(16, 59, 59, 999999), MONDAY, id="16:59:59.999999"),
        pytest.param(monday(17, 0), TUESDAY, id="17:00:00 closing"),
        pytest.param(monday(17, 0, 1), TUESDAY, id="17:00:01"),
    ],
)
def test_receipt_day_at_the_edges_of_office_hours(calendar, moment, received):
    assert calendar.receipt_day(moment) == received
    assert workdays.add_working_days(moment, 0) == received
    assert workdays.add_working_days(moment, 1) == calendar.next_working_day(received)
    # A same-day procedure is due at closing time of the receipt day.
    assert workdays.due_at(moment, 0) == calendar.closing_time(received)


def test_closing_time_is_the_end_of_the_last_interval(calendar):
    assert calendar.closing_time(MONDAY) == monday(17, 0)


@pytest.mark.parametrize(
    ("start", "seconds"),
    [
        pytest.param(monday(7, 29, 59), 0, id="before opening"),
        pytest.param(monday(7, 30), 1, id="from opening"),
        pytest.param(monday(11, 29, 59), 1, id="up to lunch"),
        pytest.param(monday(11, 30), 0, id="from lunch"),
        pytest.param(monday(13, 29, 59), 0, id="up to the afternoon"),
        pytest.param(monday(13, 30), 1, id="from the afternoon"),
        pytest.param(monday(16, 59, 59), 1, id="up to closing"),
        pytest.param(monday(17, 0), 0, id="from closing"),
    ],
)
def test_the_second_after_each_edge_counts_only_inside_office_hours(calendar, start, seconds):
    assert calendar.working_time(start, start + SECOND) == dt.timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("start", "duration", "reached"),
    [
        pytest.param(monday(7, 29, 59), SECOND, monday(7, 30, 1), id="before opening"),
        pytest.param(monday(7, 30), SECOND, monday(7, 30, 1), id="at opening"),
        # The earliest moment: the second that ends at 11:30 is done at 11:30, not 13:30.
        pytest.param(monday(11, 29, 59), SECOND, monday(11, 30), id="ends at lunch"),
        pytest.param(monday(11, 29, 59), 2 * SECOND, monday(13, 30, 1), id="over lunch"),
        pytest.param(monday(11, 30), SECOND, monday(13, 30, 1), id="from lunch"),
        pytest.param(monday(16, 59, 59), SECOND, monday(17, 0), id="ends at closing"),
        pytest.param(
            monday(17, 0),
            SECOND,
            dt.datetime.combine(TUESDAY, dt.time(7, 30, 1), tzinfo=VN),
            id="from closing",
        ),
    ],
)
def test_adding_working_time_at_the_edges(calendar, start, duration, reached):
    assert calendar.add_working_time(start, duration) == reached


@pytest.mark.parametrize(
    ("end", "duration", "start"),
    [
        # The latest moment: one second before 13:30:01 is 13:30, not 11:30.
        pytest.param(monday(13, 30, 1), SECOND, monday(13, 30), id="starts at the afternoon"),
        pytest.param(monday(13, 30, 1), 2 * SECOND, monday(11, 29, 59), id="over lunch"),
        pytest.param(monday(13, 30), SECOND, monday(11, 29, 59), id="from the afternoon"),
        pytest.param(monday(7, 30, 1), SECOND, monday(7, 30), id="starts at opening"),
        pytest.param(
            monday(7, 30),
            SECOND,
            dt.datetime.combine(FRIDAY, dt.time(16, 59, 59), tzinfo=VN),
            id="from opening",
        ),
        pytest.param(monday(17, 0, 1), SECOND, monday(16, 59, 59), id="after closing"),
    ],
)
def test_subtracting_working_time_at_the_edges(calendar, end, duration, start):
    assert calendar.subtract_working_time(end, duration) == start


@pytest.mark.parametrize(
    ("spec", "valid"),
    [
        ("07:30-11:30,11:30-17:00", True),  # touching intervals do not overlap
        ("07:30-11:30,11:29-17:00", False),
        ("07:30-07:30", False),  # an interval needs some length
        ("07:30-07:31", True),
    ],
)
def test_office_hours_intervals_at_their_edges(spec, valid):
    if valid:
        assert workdays.parse_office_hours(spec)
    else:
        with pytest.raises(ImproperlyConfigured):
            workdays.parse_office_hours(spec)


def test_office_time_is_the_wards_whatever_time_zone_is_active(calendar):
    """A request may run under another time zone (timezone.activate, a user's preference):
    the ward's office hours stay in Vietnam time. 16:59 in Hải Phòng is 09:59 in UTC."""
    from django.utils import timezone

    with timezone.override("UTC"):
        assert calendar.receipt_day(monday(16, 59)) == MONDAY
        assert calendar.receipt_day(monday(17, 0)) == TUESDAY
        assert calendar.add_working_days(monday(16, 59), 1) == TUESDAY
