"""Slots: office hours of working days only, in the future, within the days ahead."""

import datetime as dt

import pytest

from appointments import slots
from procedures.models.calendar import CalendarDayKind, CalendarOverride
from tests.appointments.factories import MONDAY, VN, AppointmentFactory, FieldCapacityFactory, at
from tests.procedures.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


def _times(day_slots):
    return [s.starts_at.astimezone(VN).strftime("%H:%M") for s in day_slots]


def test_a_day_is_cut_into_half_hours_inside_office_hours(monday):
    tuesday = MONDAY.date() + dt.timedelta(days=1)
    times = _times(slots.day_slots(tuesday))
    assert times[0] == "07:30" and times[-1] == "16:30"
    assert "11:30" not in times and "13:00" not in times and "13:30" in times
    assert len(times) == 8 + 7  # 4 h in the morning, 3 h 30 in the afternoon


def test_today_offers_only_slots_at_least_an_hour_ahead(monday):
    times = _times(slots.day_slots(MONDAY.date()))
    assert times[0] == "09:00"  # 08:00 now + 60 minutes


def test_weekends_and_holidays_have_no_slot(clock):
    clock.now = dt.datetime(2027, 4, 28, 9, 0, tzinfo=VN)  # Wednesday before 30/4
    days = slots.bookable_days()
    assert dt.date(2027, 4, 29) in days
    assert dt.date(2027, 4, 30) not in days  # Reunification Day
    assert dt.date(2027, 5, 1) not in days and dt.date(2027, 5, 2) not in days
    assert all(day.weekday() < 5 for day in days)


def test_a_day_closed_in_the_admin_has_no_slot(monday):
    closed = MONDAY.date() + dt.timedelta(days=2)
    CalendarOverride.objects.create(date=closed, kind=CalendarDayKind.DAY_OFF, reason="Thử")
    assert closed not in slots.bookable_days()
    assert slots.day_slots(closed) == []


def test_days_ahead_bound_the_list(monday, settings):
    settings.APPOINTMENT_DAYS_AHEAD = 3
    assert slots.bookable_days() == [MONDAY.date() + dt.timedelta(days=d) for d in range(4)]


def test_after_closing_today_is_not_offered(clock):
    clock.now = at(MONDAY.date(), 16, 30)
    assert MONDAY.date() not in slots.bookable_days()


def test_find_slot_refuses_past_closed_and_made_up_times(monday):
    tuesday = MONDAY.date() + dt.timedelta(days=1)
    assert slots.find_slot(f"{tuesday}T07:30").starts_at == at(tuesday, 7, 30)
    assert slots.find_slot(f"{tuesday}T07:45") is None  # not on the half hour
    assert slots.find_slot(f"{tuesday}T12:00") is None  # lunch
    assert slots.find_slot(f"{MONDAY.date()}T08:30") is None  # under an hour from now
    assert slots.find_slot("2027-03-06T08:00") is None  # Saturday
    assert slots.find_slot("2027-06-01T08:00") is None  # too far ahead
    assert slots.find_slot("bad") is None


def test_free_places_count_the_slot_and_the_field(monday):
    procedure = ProcedureFactory()
    other = ProcedureFactory()
    FieldCapacityFactory(field=procedure.field, per_slot=2)
    tuesday = MONDAY.date() + dt.timedelta(days=1)
    AppointmentFactory(procedure=procedure, starts_at=at(tuesday, 8))
    AppointmentFactory(procedure=other, starts_at=at(tuesday, 8))
    AppointmentFactory(procedure=procedure, starts_at=at(tuesday, 8), cancelled=True)
    by_time = {s.starts_at: s.free for s in slots.available_slots(tuesday, procedure.field)}
    assert by_time[at(tuesday, 8)] == 1  # field: 2 - 1; slot: 3 - 2
    assert by_time[at(tuesday, 8, 30)] == 2
    other_free = {s.starts_at: s.free for s in slots.available_slots(tuesday, other.field)}
    assert other_free[at(tuesday, 8)] == 1  # no field limit: the slot's 3 - 2
