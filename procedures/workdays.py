"""Working days and working hours of the ward's one-stop desk.

Deadlines for dossiers count working days, as the procedures' time limits are published
(in the national database's records; the one-stop rules were Decree 61/2018/NĐ-CP until
1/7/2025, Decree 118/2025/NĐ-CP since): weekends, Vietnam's public holidays and the
government's swapped days off do not count. The national list comes from the maintained
`holidays` library (it follows the lunar calendar for Tết and Hùng Kings' day, and knows
the announced make-up Saturdays); `CalendarOverride` rows edited in the admin take
precedence over it (a day off announced late, a Saturday worked in exchange, a local
closure).

The rules, kept simple and explicit:

* **Office hours** come from ``settings.OFFICE_HOURS`` (default 07:30–11:30 and 13:30–17:00)
  on ``settings.WORKING_WEEKDAYS`` (default Monday–Friday).
* **Receipt day.** A dossier accepted on a working day before closing time is received that
  day. One accepted after closing time, or on a day off, counts as received on the next
  working day. A procedure may set an earlier cut-off (`Procedure.same_day_cutoff`, e.g.
  15:00 for a copy "the same day; the next working day if requested after 15:00"): from
  that time on, the receipt day is the next working day.
  A plain `date` stands for a receipt during office hours on that day.
* **Appointment** = receipt day + N working days: the receipt day itself is not counted and
  the result is due at closing time of the Nth working day after it. A same-day procedure
  ("trong ngày", N = 0) is due at closing time of the receipt day.
* **Pauses.** Working time inside a pause (waiting for the resident: statuses 5 and 6) does
  not count: the due moment moves later by exactly the working time paused. A pause whose
  end is None is still running and counts until ``now``.
* **Working hours** count only office time: "due within 24 working hours" is three office
  days and a bit, not one calendar day.

Every public function reads the calendar once (one cache get; one query for the override
rows when the cache is cold, never one per day). Code that loops over many dossiers should
call `get_calendar()` once and use the methods of the returned `WorkCalendar`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from procedures.models.calendar import CalendarDayKind, CalendarOverride

OVERRIDES_CACHE_KEY = "portal:calendar-overrides:v1"
OVERRIDES_CACHE_SECONDS = 300  # bounds how long another process may serve a stale calendar
# Longest walk through the calendar (about ten years): a guard against a calendar that
# someone configured with no working day at all.
MAX_DAYS = 3660

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


@lru_cache(maxsize=8)
def parse_office_hours(spec):
    """Parse "07:30-11:30,13:30-17:00" into ordered ((start, end), ...) times."""
    intervals = []
    try:
        for part in spec.split(","):
            start, end = (dt.time.fromisoformat(t.strip()) for t in part.split("-"))
            intervals.append((start, end))
    except ValueError:
        raise ImproperlyConfigured(
            f"OFFICE_HOURS must look like '07:30-11:30,13:30-17:00', not {spec!r}."
        ) from None
    previous_end = dt.time.min
    for start, end in intervals:
        if not previous_end <= start < end:
            raise ImproperlyConfigured(
                f"OFFICE_HOURS intervals must be ordered and not overlap: {spec!r}."
            )
        previous_end = end
    if not intervals:
        raise ImproperlyConfigured("OFFICE_HOURS must name at least one interval.")
    return tuple(intervals)


def parse_weekdays(names):
    try:
        days = frozenset(WEEKDAYS[name.strip().lower()[:3]] for name in names)
    except KeyError:
        raise ImproperlyConfigured(
            f"WORKING_WEEKDAYS must list days as mon,tue,…,sun, not {names!r}."
        ) from None
    if not days:
        raise ImproperlyConfigured("WORKING_WEEKDAYS must name at least one day.")
    return days


@lru_cache(maxsize=32)
def _national_year(year):
    """Vietnam's days off and make-up working Saturdays of one year, from `holidays`."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    days_off = {day: name for day, name in calendar.items() if day.year == year}
    make_up = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return days_off, make_up


def national_holiday(day):
    """Return the name of the national holiday on `day`, or None."""
    return _national_year(day.year)[0].get(day)


def is_base_working_day(day):
    """Whether `day` is a working day by weekdays and national holidays alone (no overrides)."""
    return WorkCalendar(overrides={}).is_working_day(day)


def _load_overrides():
    overrides = cache.get(OVERRIDES_CACHE_KEY)
    if overrides is None:
        overrides = {
            day: kind == CalendarDayKind.WORKING_DAY
            for day, kind in CalendarOverride.objects.values_list("date", "kind")
        }
        cache.set(OVERRIDES_CACHE_KEY, overrides, OVERRIDES_CACHE_SECONDS)
    return overrides


def invalidate_calendar():
    cache.delete(OVERRIDES_CACHE_KEY)


def get_calendar():
    """Return the working calendar with the admin's overrides (cached)."""
    return WorkCalendar(overrides=_load_overrides())


def _merge(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap(a_start, a_end, b_start, b_end):
    return max(dt.timedelta(0), min(a_end, b_end) - max(a_start, b_start))


class WorkCalendar:
    """Working days and office hours; `overrides` maps a date to True (work) / False (off)."""

    def __init__(self, *, overrides, office_hours=None, weekdays=None):
        self.overrides = overrides
        self.office_hours = parse_office_hours(office_hours or settings.OFFICE_HOURS)
        self.weekdays = parse_weekdays(weekdays or settings.WORKING_WEEKDAYS)
        self.tz = timezone.get_default_timezone()
        self.day_length = sum(
            (
                dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)
                for start, end in self.office_hours
            ),
            dt.timedelta(0),
        )

    # --- days -------------------------------------------------------------------------

    def is_working_day(self, day):
        if day in self.overrides:
            return self.overrides[day]
        days_off, make_up = _national_year(day.year)
        if day in days_off:
            return False
        return day.weekday() in self.weekdays or day in make_up

    def next_working_day(self, day):
        """Return the first working day strictly after `day`."""
        for _ in range(MAX_DAYS):
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise ValueError("No working day within ten years: check the calendar settings.")

    def receipt_day(self, moment, cutoff=None):
        """Return the working day a dossier received at `moment` counts as received on
        (`cutoff`: the procedure's own last time of receipt in the day, if earlier)."""
        if isinstance(moment, dt.datetime):
            local = self._local(moment)
            day = local.date()
            closing = self.office_hours[-1][1]
            last = min(cutoff, closing) if cutoff else closing
            if self.is_working_day(day) and local.time() < last:
                return day
            return self.next_working_day(day)
        if self.is_working_day(moment):
            return moment
        return self.next_working_day(moment)

    def add_working_days(self, start, days, cutoff=None):
        """Return the date `days` working days after the receipt day of `start`."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = self.receipt_day(start, cutoff)
        for _ in range(days):
            day = self.next_working_day(day)
        return day

    def count_working_days(self, start, end):
        """Count the working days after `start` up to and including `end` (dates)."""
        start, end = self._as_date(start), self._as_date(end)
        count, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    # --- moments ------------------------------------------------------------------------

    def closing_time(self, day):
        """Return the aware moment the desk closes on `day`."""
        return self._at(day, self.office_hours[-1][1])

    def office_intervals(self, day):
        """Return the aware (start, end) office intervals of `day` (none on a day off)."""
        if not self.is_working_day(day):
            return []
        return [(self._at(day, start), self._at(day, end)) for start, end in self.office_hours]

    def working_time(self, start, end, pauses=()):
        """Return the office time between two moments, less the time inside `pauses`."""
        if end <= start:
            return dt.timedelta(0)
        clipped = _merge(
            (max(p_start, start), min(p_end, end))
            for p_start, p_end in pauses
            if p_start < end and p_end > start
        )
        total = dt.timedelta(0)
        day = self._local(start).date()
        last = self._local(end).date()
        while day <= last:
            for i_start, i_end in self.office_intervals(day):
                total += _overlap(i_start, i_end, start, end)
                for p_start, p_end in clipped:
                    total -= _overlap(i_start, i_end, p_start, p_end)
            day += dt.timedelta(days=1)
        return total

    def add_working_time(self, start, duration):
        """Return the earliest moment at which `duration` of office time has passed."""
        if duration <= dt.timedelta(0):
            return start
        remaining = duration
        day = self._local(start).date()
        for _ in range(MAX_DAYS):
            for i_start, i_end in self.office_intervals(day):
                begin = max(i_start, start)
                if begin >= i_end:
                    continue
                available = i_end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day += dt.timedelta(days=1)
        raise ValueError("No working time within ten years: check the calendar settings.")

    def subtract_working_time(self, end, duration):
        """Return the latest moment from which `duration` of office time reaches `end`."""
        if duration <= dt.timedelta(0):
            return end
        remaining = duration
        day = self._local(end).date()
        for _ in range(MAX_DAYS):
            for i_start, i_end in reversed(self.office_intervals(day)):
                stop = min(i_end, end)
                if stop <= i_start:
                    continue
                available = stop - i_start
                if remaining <= available:
                    return stop - remaining
                remaining -= available
            day -= dt.timedelta(days=1)
        raise ValueError("No working time within ten years: check the calendar settings.")

    def due_at(self, accepted_at, days, pauses=(), now=None, cutoff=None):
        """Return the moment a dossier accepted at `accepted_at` is due (see module rules)."""
        due = self.closing_time(self.add_working_days(accepted_at, days, cutoff))
        return self.add_working_time(due, self._paused_time(accepted_at, pauses, now))

    def _paused_time(self, since, pauses, now):
        pauses = _merge((max(p_start, since), p_end) for p_start, p_end in self._close(pauses, now))
        return sum(
            (self.working_time(p_start, p_end) for p_start, p_end in pauses if p_end > p_start),
            dt.timedelta(0),
        )

    def working_hours_left(self, due, now=None):
        """Return the office hours from `now` to `due`; negative once `due` has passed."""
        now = now or timezone.now()
        if now <= due:
            return self.working_time(now, due).total_seconds() / 3600
        return -self.working_time(due, now).total_seconds() / 3600

    def working_days_between(self, start, end, pauses=()):
        """Return the elapsed working days between two moments (fractional, less pauses)."""
        return self.working_time(start, end, pauses) / self.day_length

    # --- helpers ------------------------------------------------------------------------

    def _close(self, pauses, now):
        now = now or timezone.now()
        return [(p_start, p_end if p_end is not None else now) for p_start, p_end in pauses]

    def _local(self, moment):
        if timezone.is_naive(moment):
            raise ValueError("Working-time arithmetic needs aware datetimes.")
        return timezone.localtime(moment, self.tz)

    def _at(self, day, time):
        return timezone.make_aware(dt.datetime.combine(day, time), self.tz)

    def _as_date(self, value):
        return self._local(value).date() if isinstance(value, dt.datetime) else value


# Module-level shortcuts: each reads the cached calendar once.


def is_working_day(day):
    return get_calendar().is_working_day(day)


def add_working_days(start, days):
    return get_calendar().add_working_days(start, days)


def count_working_days(start, end):
    return get_calendar().count_working_days(start, end)


def due_at(accepted_at, days, pauses=(), now=None, cutoff=None):
    return get_calendar().due_at(accepted_at, days, pauses, now, cutoff)


def working_time(start, end, pauses=()):
    return get_calendar().working_time(start, end, pauses)


def working_days_between(start, end, pauses=()):
    return get_calendar().working_days_between(start, end, pauses)


def working_hours_left(due, now=None):
    return get_calendar().working_hours_left(due, now)


def add_working_hours(start, hours):
    """Return the moment `hours` office hours after `start` (for "due within 24 h" filters)."""
    return get_calendar().add_working_time(start, dt.timedelta(hours=hours))
