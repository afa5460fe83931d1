"""Working-day edges: date-times where dates are expected, and the pauses of the shortcuts."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from procedures import workdays
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def test_count_working_days_between_moments_counts_calendar_days_not_24_hours(clock):
    # Wednesday 08:00 to Thursday 18:00: one working day after the start, whatever the hours.
    assert workdays.count_working_days(at(2026, 2, 11, 8), at(2026, 2, 12, 18)) == 1


def test_working_time_shortcut_leaves_out_the_pauses(clock):
    start, end = at(2026, 2, 12, 8), at(2026, 2, 12, 11)
    pause = [(at(2026, 2, 12, 9), at(2026, 2, 12, 10))]
    assert workdays.working_time(start, end) == dt.timedelta(hours=3)
    assert workdays.working_time(start, end, pause) == dt.timedelta(hours=2)


def test_going_back_no_time_from_the_evening_stays_in_the_evening(clock):
    calendar = workdays.get_calendar()
    evening = at(2026, 3, 4, 19)
    assert calendar.subtract_working_time(evening, dt.timedelta(0)) == evening
    assert calendar.subtract_working_time(evening, dt.timedelta(minutes=30)) == at(
        2026, 3, 4, 16, 30
    )


NO_WORKING_TIME = "^No working time within ten years: check the calendar settings.$"


@pytest.fixture
def closed_for_ten_years(clock):
    """A calendar whose every day for ten years either side is a day off (a misconfiguration
    the walks through the calendar must report instead of looping)."""
    today = clock.now.date()
    days = range(-workdays.MAX_DAYS - 1, workdays.MAX_DAYS + 2)
    return workdays.WorkCalendar(overrides={today + dt.timedelta(days=n): False for n in days})


def test_a_calendar_without_working_time_is_reported(closed_for_ten_years, clock):
    now = clock.now
    with pytest.raises(ValueError, match=NO_WORKING_TIME):
        closed_for_ten_years.add_working_time(now, HOUR)
    with pytest.raises(ValueError, match=NO_WORKING_TIME):
        closed_for_ten_years.subtract_working_time(now, HOUR)
    with pytest.raises(
        ValueError, match="^No working day within ten years: check the calendar settings.$"
    ):
        closed_for_ten_years.next_working_day(now.date())


def test_no_working_time_between_a_moment_and_an_earlier_one(clock):
    start, end = at(2026, 3, 4, 9), at(2026, 3, 4, 10)
    assert workdays.working_time(end, start) == dt.timedelta(0)
    assert workdays.working_time(start, start) == dt.timedelta(0)


def test_office_hours_are_hai_phong_hours_whatever_time_zone_is_active(clock):
    """A request may run under another active time zone (an admin's setting, a task):
    the office still opens at 07:30 in Hải Phòng, not at 07:30 wherever the request is."""
    calendar = workdays.get_calendar()
    day = dt.date(2026, 3, 4)
    expected = calendar.office_intervals(day)
    with timezone.override(ZoneInfo("Europe/London")):
        assert workdays.get_calendar().office_intervals(day) == expected
        assert calendar.add_working_time(at(2026, 3, 4, 6), dt.timedelta(hours=1)) == (
            expected[0][0] + dt.timedelta(hours=1)
        )
