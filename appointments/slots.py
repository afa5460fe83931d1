"""The slots a resident may book: cut from the desk's office hours on working days.

A slot is APPOINTMENT_SLOT_MINUTES long and lies wholly inside one office interval of a
working day of the ward's calendar (procedures.workdays: weekends, public holidays and
the admin's overrides). Only slots starting at least APPOINTMENT_MIN_LEAD_MINUTES from
now and within APPOINTMENT_DAYS_AHEAD calendar days are offered.

A slot holds APPOINTMENT_SLOT_CAPACITY residents (the desk's counters) and, for each field
of procedures with a FieldCapacity row, at most that many of the field: the officers of
one field can see only so many people in half an hour.
"""

import dataclasses
import datetime as dt

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from appointments.models import Appointment, FieldCapacity
from procedures.workdays import get_calendar


@dataclasses.dataclass(frozen=True)
class Slot:
    starts_at: dt.datetime
    ends_at: dt.datetime
    free: int = 0

    @property
    def key(self):
        """The slot as a form value: local "YYYY-MM-DDTHH:MM"."""
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%dT%H:%M")

    @property
    def date(self):
        return timezone.localtime(self.starts_at).date()


def slot_length():
    return dt.timedelta(minutes=settings.APPOINTMENT_SLOT_MINUTES)


def earliest_start(now=None):
    return (now or timezone.now()) + dt.timedelta(minutes=settings.APPOINTMENT_MIN_LEAD_MINUTES)


def day_slots(day, *, calendar=None, now=None):
    """Every bookable (not yet counted) slot of `day`, in order; none on a day off."""
    calendar = calendar or get_calendar()
    first = earliest_start(now)
    length = slot_length()
    slots = []
    for start, end in calendar.office_intervals(day):
        moment = start
        while moment + length <= end:
            if moment >= first:
                slots.append(Slot(moment, moment + length))
            moment += length
    return slots


def bookable_days(*, now=None):
    """The days with at least one bookable slot, from today to APPOINTMENT_DAYS_AHEAD."""
    now = now or timezone.now()
    calendar = get_calendar()
    today = timezone.localdate(now)
    days = []
    for offset in range(settings.APPOINTMENT_DAYS_AHEAD + 1):
        day = today + dt.timedelta(days=offset)
        if calendar.is_working_day(day) and day_slots(day, calendar=calendar, now=now):
            days.append(day)
    return days


def field_limit(field):
    """The most residents of `field` one slot takes (the slot's own capacity at most)."""
    row = FieldCapacity.objects.filter(field=field).values_list("per_slot", flat=True).first()
    total = settings.APPOINTMENT_SLOT_CAPACITY
    return total if row is None else min(row, total)


def free_places(booked_total, booked_field, limit):
    """Places left in a slot for one more resident of a field."""
    return max(0, min(settings.APPOINTMENT_SLOT_CAPACITY - booked_total, limit - booked_field))


def available_slots(day, field, *, now=None):
    """The slots of `day` with their free places for `field` (two queries)."""
    slots = day_slots(day, now=now)
    if not slots:
        return []
    limit = field_limit(field)
    # order_by(): the default ordering would add pk to the GROUP BY.
    active = Appointment.objects.active().filter(date=day).order_by()
    totals = dict(active.values_list("starts_at").annotate(n=Count("pk")))
    of_field = dict(active.filter(field=field).values_list("starts_at").annotate(n=Count("pk")))
    return [
        dataclasses.replace(
            slot,
            free=free_places(totals.get(slot.starts_at, 0), of_field.get(slot.starts_at, 0), limit),
        )
        for slot in slots
    ]


def find_slot(key, *, now=None):
    """The bookable slot named by a form value, or None (a past, closed or made-up time)."""
    try:
        naive = dt.datetime.strptime(key or "", "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    starts_at = timezone.make_aware(naive)
    today = timezone.localdate(now)
    if not today <= naive.date() <= today + dt.timedelta(days=settings.APPOINTMENT_DAYS_AHEAD):
        return None
    for slot in day_slots(naive.date(), now=now):
        if slot.starts_at == starts_at:
            return slot
    return None
