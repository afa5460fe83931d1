"""Working-day arithmetic: Tết 2026, make-up days, overrides, office hours and pauses."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from procedures import workdays
from procedures.models import CalendarDayKind, CalendarOverride

VN = ZoneInfo("Asia/Ho_Chi_Minh")
D = dt.date


def at(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN)


pytestmark = pytest.mark.django_db


class TestTet2026:
    """Tết 2026: Monday 16/2 to Friday 20/2 are days off, framed by two weekends."""

    def test_tet_days_are_days_off(self):
        for day in range(14, 23):
            assert not workdays.is_working_day(D(2026, 2, day)), day
        assert workdays.is_working_day(D(2026, 2, 13))
        assert workdays.is_working_day(D(2026, 2, 23))

    def test_one_day_before_tet_lands_after_it(self):
        assert workdays.add_working_days(at(2026, 2, 13, 10), 1) == D(2026, 2, 23)

    def test_three_days_across_tet(self):
        assert workdays.add_working_days(at(2026, 2, 12, 10), 3) == D(2026, 2, 24)

    def test_due_at_closing_time(self):
        assert workdays.due_at(at(2026, 2, 12, 10), 3) == at(2026, 2, 24, 17)

    def test_count_is_the_inverse_of_add(self):
        assert workdays.count_working_days(D(2026, 2, 12), D(2026, 2, 24)) == 3
        calendar = workdays.get_calendar()
        start = D(2026, 1, 26)
        for offset in range(40):
            day = start + dt.timedelta(days=offset)
            if not calendar.is_working_day(day):
                continue
            for n in (0, 1, 5, 15):
                due = calendar.add_working_days(day, n)
                assert calendar.count_working_days(day, due) == n, (day, n)

    def test_hung_kings_day_and_its_substitute(self):
        # 10/3 lunar falls on Sunday 26/4/2026; Monday 27/4 is given in lieu.
        assert not workdays.is_working_day(D(2026, 4, 27))
        assert workdays.add_working_days(at(2026, 4, 24), 1) == D(2026, 4, 28)


class TestReceiptRules:
    def test_after_closing_time_counts_from_next_working_day(self):
        assert workdays.add_working_days(at(2026, 2, 13, 17, 30), 1) == D(2026, 2, 24)
        assert workdays.add_working_days(at(2026, 2, 13, 16, 59), 1) == D(2026, 2, 23)

    def test_early_morning_counts_the_same_day(self):
        assert workdays.add_working_days(at(2026, 3, 2, 6, 0), 1) == D(2026, 3, 3)

    def test_same_day_procedure(self):
        assert workdays.due_at(at(2026, 2, 13, 10), 0) == at(2026, 2, 13, 17)
        assert workdays.due_at(at(2026, 2, 13, 18), 0) == at(2026, 2, 23, 17)

    def test_weekend_receipt_counts_from_monday(self):
        assert workdays.add_working_days(at(2026, 3, 7, 10), 0) == D(2026, 3, 9)
        assert workdays.add_working_days(at(2026, 3, 7, 10), 1) == D(2026, 3, 10)
        assert workdays.add_working_days(D(2026, 3, 7), 1) == D(2026, 3, 10)

    def test_friday_plus_one_is_monday(self):
        assert workdays.add_working_days(at(2026, 3, 6, 10), 1) == D(2026, 3, 9)

    def test_moment_in_another_time_zone_is_read_locally(self):
        # 09:30 UTC is 16:30 in Hải Phòng (before closing); 10:30 UTC is 17:30 (after).
        utc = dt.UTC
        assert workdays.add_working_days(dt.datetime(2026, 3, 2, 9, 30, tzinfo=utc), 1) == D(
            2026, 3, 3
        )
        assert workdays.add_working_days(dt.datetime(2026, 3, 2, 10, 30, tzinfo=utc), 1) == D(
            2026, 3, 4
        )

    def test_naive_datetimes_are_refused(self):
        with pytest.raises(ValueError, match=r"^Working-time arithmetic needs aware datetimes\.$"):
            workdays.add_working_days(dt.datetime(2026, 3, 2, 9), 1)

    def test_negative_days_are_refused(self):
        with pytest.raises(ValueError, match="^days must not be negative$"):
            workdays.add_working_days(D(2026, 3, 2), -1)


class TestMakeUpDays:
    def test_national_make_up_saturday_from_the_library(self):
        # Monday 31/8/2026 is given off in exchange for Saturday 22/8/2026.
        assert workdays.is_working_day(D(2026, 8, 22))
        assert not workdays.is_working_day(D(2026, 8, 31))
        assert workdays.add_working_days(at(2026, 8, 21), 1) == D(2026, 8, 22)
        # 31/8 swapped, 1/9 and 2/9 National Day.
        assert workdays.add_working_days(at(2026, 8, 28), 1) == D(2026, 9, 3)

    def test_admin_make_up_day_and_extra_day_off(self):
        CalendarOverride.objects.create(
            date=D(2026, 3, 7), kind=CalendarDayKind.WORKING_DAY, reason="Làm bù (thử nghiệm)"
        )
        CalendarOverride.objects.create(
            date=D(2026, 3, 9), kind=CalendarDayKind.DAY_OFF, reason="Nghỉ bù (thử nghiệm)"
        )
        assert workdays.add_working_days(at(2026, 3, 6), 1) == D(2026, 3, 7)
        assert workdays.add_working_days(at(2026, 3, 6), 2) == D(2026, 3, 10)
        assert workdays.count_working_days(D(2026, 3, 6), D(2026, 3, 10)) == 2

    def test_override_beats_the_library(self):
        CalendarOverride.objects.create(
            date=D(2026, 8, 22), kind=CalendarDayKind.DAY_OFF, reason="Không làm bù (thử)"
        )
        assert not workdays.is_working_day(D(2026, 8, 22))

    def test_cached_calendar_follows_edits_and_deletes(self):
        assert workdays.is_working_day(D(2026, 3, 10))  # warms the cache
        row = CalendarOverride.objects.create(
            date=D(2026, 3, 10), kind=CalendarDayKind.DAY_OFF, reason="Sự cố điện"
        )
        assert not workdays.is_working_day(D(2026, 3, 10))
        CalendarOverride.objects.filter(pk=row.pk).delete()  # the admin's bulk delete
        assert workdays.is_working_day(D(2026, 3, 10))

    ALREADY_WORKING = "Ngày này vốn đã là ngày làm việc: không cần khai báo làm bù."
    ALREADY_OFF = "Ngày này vốn đã là ngày nghỉ (cuối tuần hoặc ngày lễ)."

    @pytest.mark.parametrize(
        ("day", "kind", "message"),
        [
            # a Wednesday already works
            (D(2026, 3, 4), CalendarDayKind.WORKING_DAY, ALREADY_WORKING),
            (D(2026, 3, 8), CalendarDayKind.DAY_OFF, ALREADY_OFF),  # a Sunday is already off
            (D(2026, 2, 17), CalendarDayKind.DAY_OFF, ALREADY_OFF),  # Tết is already off
        ],
    )
    def test_redundant_override_is_refused(self, day, kind, message):
        with pytest.raises(ValidationError) as exc:
            CalendarOverride(date=day, kind=kind, reason="x").full_clean()
        assert exc.value.message_dict == {"kind": [message]}


class TestOfficeHours:
    def test_working_time_skips_nights_and_tet(self):
        assert workdays.working_time(at(2026, 2, 13, 16), at(2026, 2, 23, 8, 30)) == (
            dt.timedelta(hours=2)
        )

    def test_lunch_break_does_not_count(self):
        calendar = workdays.get_calendar()
        assert calendar.add_working_time(at(2026, 3, 2, 11), dt.timedelta(hours=1)) == at(
            2026, 3, 2, 14
        )
        assert calendar.add_working_time(at(2026, 3, 2, 10, 30), dt.timedelta(hours=1)) == at(
            2026, 3, 2, 11, 30
        )

    def test_subtracting_working_time_walks_back_over_lunch_nights_and_tet(self):
        calendar = workdays.get_calendar()
        assert calendar.subtract_working_time(at(2026, 3, 2, 14), dt.timedelta(hours=1)) == at(
            2026, 3, 2, 11
        )
        # Monday 23/2 at 8:30 after Tết: 1 h that day (from 7:30), then 1 h on Friday 13/2.
        assert calendar.subtract_working_time(at(2026, 2, 23, 8, 30), dt.timedelta(hours=2)) == (
            at(2026, 2, 13, 16)
        )
        for start in [at(2026, 3, 2, 9, 15), at(2026, 2, 13, 16)]:
            for hours in [0.5, 3, 11, 40]:
                back = calendar.subtract_working_time(start, dt.timedelta(hours=hours))
                assert calendar.working_time(back, start) == dt.timedelta(hours=hours)

    def test_due_within_24_working_hours_threshold(self):
        # Friday 16:00 before Tết: 1 h + 7,5 h × 3 = 23,5 h, then 30 min on Thursday 26/2.
        assert workdays.add_working_hours(at(2026, 2, 13, 16), 24) == at(2026, 2, 26, 8)

    def test_hours_left_and_overdue(self):
        due = at(2026, 2, 24, 17)
        assert workdays.working_hours_left(due, now=at(2026, 2, 13, 16)) == 16.0
        assert workdays.working_hours_left(due, now=at(2026, 2, 25, 9)) == -1.5

    def test_working_days_between(self):
        assert workdays.working_days_between(at(2026, 3, 2, 7, 30), at(2026, 3, 4, 7, 30)) == 2
        half = [(at(2026, 3, 2, 7, 30), at(2026, 3, 2, 11, 30))]
        days = workdays.working_days_between(at(2026, 3, 2, 7, 30), at(2026, 3, 4, 7, 30), half)
        assert days == pytest.approx(2 - 4 / 7.5)

    def test_office_hours_from_settings(self, settings):
        settings.OFFICE_HOURS = "08:00-12:00"
        settings.WORKING_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat"]
        assert workdays.due_at(at(2026, 3, 6, 10), 1) == at(2026, 3, 7, 12)
        assert workdays.add_working_days(at(2026, 3, 6, 12, 30), 0) == D(2026, 3, 7)

    @pytest.mark.parametrize(
        ("spec", "problem"),
        [
            ("7h30-11h30", "must look like"),
            ("13:30-17:00,07:30-11:30", "intervals must be ordered"),
            ("09:00-08:00", "intervals must be ordered"),
        ],
    )
    def test_bad_office_hours_fail_loudly(self, settings, spec, problem):
        settings.OFFICE_HOURS = spec
        with pytest.raises(
            ImproperlyConfigured, match=f"^OFFICE_HOURS {problem} .*{re.escape(repr(spec))}"
        ):
            workdays.get_calendar()

    def test_bad_weekday_fails_loudly(self, settings):
        settings.WORKING_WEEKDAYS = ["monday", "thứ hai"]
        with pytest.raises(ImproperlyConfigured, match="^WORKING_WEEKDAYS must list days"):
            workdays.get_calendar()


class TestPauses:
    """Waiting for the resident (statuses 5 and 6) stops the clock."""

    accepted = at(2026, 3, 2, 9)  # Monday; 5 working days: due Monday 9/3 at 17:00

    def test_without_pause(self):
        assert workdays.due_at(self.accepted, 5) == at(2026, 3, 9, 17)

    def test_pause_moves_due_by_the_working_time_paused(self):
        pauses = [(at(2026, 3, 3, 10), at(2026, 3, 4, 10))]  # 7,5 working hours
        assert workdays.due_at(self.accepted, 5, pauses) == at(2026, 3, 10, 17)

    def test_pause_over_a_weekend_costs_nothing_extra(self):
        pauses = [(at(2026, 3, 6, 17), at(2026, 3, 9, 7, 30))]
        assert workdays.due_at(self.accepted, 5, pauses) == at(2026, 3, 9, 17)

    def test_overlapping_pauses_count_once(self):
        pauses = [
            (at(2026, 3, 3, 10), at(2026, 3, 4, 10)),
            (at(2026, 3, 3, 14), at(2026, 3, 3, 15)),
        ]
        assert workdays.due_at(self.accepted, 5, pauses) == at(2026, 3, 10, 17)

    def test_open_pause_counts_until_now(self):
        pauses = [(at(2026, 3, 5, 9), None)]
        due = workdays.due_at(self.accepted, 5, pauses, now=at(2026, 3, 5, 11))
        assert due == at(2026, 3, 10, 9, 30)
        # While paused, the working hours left stay frozen.
        left = workdays.working_hours_left(due, now=at(2026, 3, 5, 11))
        later = workdays.due_at(self.accepted, 5, pauses, now=at(2026, 3, 6, 11))
        assert workdays.working_hours_left(later, now=at(2026, 3, 6, 11)) == left

    def test_pause_before_acceptance_is_ignored(self):
        pauses = [(at(2026, 2, 26, 9), at(2026, 3, 2, 10))]
        assert workdays.due_at(at(2026, 3, 2, 11), 5, pauses) == at(2026, 3, 9, 17)
        # Only the hour between acceptance (09:00) and the end of the pause counts.
        assert workdays.due_at(self.accepted, 5, pauses) == at(2026, 3, 10, 8, 30)

    def test_pause_while_overdue_keeps_the_delay(self):
        pauses = [(at(2026, 3, 10, 9), at(2026, 3, 11, 9))]  # after the due date
        due = workdays.due_at(self.accepted, 5, pauses)
        assert due == at(2026, 3, 10, 17)
        assert workdays.working_hours_left(due, now=at(2026, 3, 11, 9)) == -1.5


class TestCaching:
    def test_a_long_walk_costs_one_query_cold_and_none_warm(self, django_assert_num_queries):
        """The calendar must never query the database once per day of a loop."""
        with django_assert_num_queries(1):
            workdays.due_at(at(2026, 1, 5), 60)
        with django_assert_num_queries(0):
            workdays.due_at(at(2026, 1, 5), 60)
            workdays.count_working_days(D(2026, 1, 1), D(2026, 12, 31))

    def test_national_holiday_name(self):
        assert workdays.national_holiday(D(2026, 2, 17)) == "Tết Nguyên Đán"
        assert workdays.national_holiday(D(2026, 3, 4)) is None
