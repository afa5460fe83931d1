"""Booking rules: capacities, one booking per phone and slot, limits, cancel and move."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connection, connections

from appointments import services
from appointments.constants import AppointmentStatus
from appointments.models import Appointment
from notifications.models import Notification
from tests.appointments.factories import MONDAY, AppointmentFactory, FieldCapacityFactory, at
from tests.procedures.factories import ProcedureFactory

TUESDAY = MONDAY.date() + dt.timedelta(days=1)
SLOT = f"{TUESDAY}T08:00"


def _book(procedure, phone, slot=SLOT, **kwargs):
    return services.book_appointment(
        procedure=procedure, slot_key=slot, name="Trần Thị Bình", phone=phone, **kwargs
    )


@pytest.mark.django_db
def test_booking_records_the_slot_and_sends_an_sms(monday, django_capture_on_commit_callbacks):
    procedure = ProcedureFactory()
    with django_capture_on_commit_callbacks(execute=True):
        appointment, token = _book(procedure, "+84912000001", email="binh@example.com")
    assert appointment.starts_at == at(TUESDAY, 8)
    assert appointment.field == procedure.field
    assert appointment.code.startswith("LH020327-")
    assert Appointment.objects.by_manage_token(token).get() == appointment
    channels = sorted(Notification.objects.values_list("channel", flat=True))
    assert channels == ["email", "sms"]
    sms = Notification.objects.get(channel="sms")
    assert appointment.code in sms.body_text and token in sms.body_text


@pytest.mark.django_db
def test_the_slot_capacity_refuses_the_fourth(monday):
    procedure = ProcedureFactory()
    for n in range(3):
        _book(procedure, f"+8491200000{n}")
    with pytest.raises(services.BookingRefused) as exc:
        _book(procedure, "+84912000009")
    assert exc.value.code == "slot_full"
    assert Appointment.objects.count() == 3


@pytest.mark.django_db
def test_the_field_capacity_refuses_its_field_only(monday):
    procedure = ProcedureFactory()
    other = ProcedureFactory()
    FieldCapacityFactory(field=procedure.field, per_slot=1)
    _book(procedure, "+84912000001")
    with pytest.raises(services.BookingRefused):
        _book(procedure, "+84912000002")
    _book(other, "+84912000002")  # another field still has places


@pytest.mark.django_db
def test_a_cancelled_booking_frees_its_place(monday):
    procedure = ProcedureFactory()
    FieldCapacityFactory(field=procedure.field, per_slot=1)
    first, _token = _book(procedure, "+84912000001")
    services.cancel_appointment(appointment=first)
    _book(procedure, "+84912000002")


@pytest.mark.django_db
def test_one_phone_books_a_slot_once(monday):
    procedure = ProcedureFactory()
    _book(procedure, "+84912000001")
    with pytest.raises(services.BookingRefused):
        _book(procedure, "+84912000001")


@pytest.mark.django_db
def test_a_phone_holds_at_most_two_future_bookings(monday):
    procedure = ProcedureFactory()
    _book(procedure, "+84912000001", slot=f"{TUESDAY}T08:00")
    _book(procedure, "+84912000001", slot=f"{TUESDAY}T09:00")
    with pytest.raises(services.BookingRefused) as exc:
        _book(procedure, "+84912000001", slot=f"{TUESDAY}T10:00")
    assert exc.value.code == "too_many"


@pytest.mark.django_db
def test_repeated_no_shows_stop_online_booking(monday):
    procedure = ProcedureFactory()
    for days in (3, 7, 10):
        AppointmentFactory(
            procedure=procedure, phone="+84912000001", starts_at=at(TUESDAY, 8) - dt.timedelta(days)
        )  # still "booked" on a past day: counted as missed before the sweep marks it
    with pytest.raises(services.BookingRefused) as exc:
        _book(procedure, "+84912000001")
    assert exc.value.code == "no_shows"


@pytest.mark.django_db
def test_a_past_or_closed_slot_is_refused(monday):
    with pytest.raises(services.BookingRefused) as exc:
        _book(ProcedureFactory(), "+84912000001", slot="2027-03-06T08:00")
    assert exc.value.code == "no_slot"


@pytest.mark.django_db
def test_move_takes_a_place_in_the_new_slot_and_frees_the_old(monday):
    procedure = ProcedureFactory()
    FieldCapacityFactory(field=procedure.field, per_slot=1)
    mine, token = _book(procedure, "+84912000001")
    _book(procedure, "+84912000002", slot=f"{TUESDAY}T09:00")
    with pytest.raises(services.BookingRefused):
        services.move_appointment(appointment=mine, slot_key=f"{TUESDAY}T09:00", token=token)
    moved = services.move_appointment(appointment=mine, slot_key=f"{TUESDAY}T10:00", token=token)
    assert moved.starts_at == at(TUESDAY, 10)
    _book(procedure, "+84912000003")  # 08:00 is free again


@pytest.mark.django_db
def test_a_booking_that_began_cannot_be_cancelled(monday, clock):
    appointment, _token = _book(ProcedureFactory(), "+84912000001")
    clock.now = at(TUESDAY, 8, 5)
    with pytest.raises(services.ValidationError):
        services.cancel_appointment(appointment=appointment)


@pytest.mark.django_db
def test_no_shows_are_marked_after_the_day(monday, clock):
    came = AppointmentFactory(starts_at=at(TUESDAY, 8), arrived=True)
    missed = AppointmentFactory(starts_at=at(TUESDAY, 9))
    assert services.mark_no_shows() == 0
    clock.now = at(TUESDAY + dt.timedelta(days=1), 7)
    assert Appointment.objects.no_shows().get() == missed  # counted before the sweep
    assert services.mark_no_shows() == 1
    missed.refresh_from_db()
    came.refresh_from_db()
    assert missed.status == AppointmentStatus.NO_SHOW
    assert came.status == AppointmentStatus.ARRIVED


# --- concurrency -------------------------------------------------------------------------


@pytest.mark.django_db
def test_sequential_bookings_never_pass_the_capacity(monday):
    """The same race, one after another (SQLite serialises writes anyway)."""
    procedure = ProcedureFactory()
    FieldCapacityFactory(field=procedure.field, per_slot=2)
    results = []
    for n in range(5):
        try:
            results.append(_book(procedure, f"+8491200010{n}"))
        except services.BookingRefused:
            pass
    assert len(results) == 2


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks need PostgreSQL (DATABASE_URL=postgres://…)",
)
@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_never_pass_the_capacity(monday):
    procedure = ProcedureFactory()
    FieldCapacityFactory(field=procedure.field, per_slot=2)
    barrier = threading.Barrier(6)
    outcomes = []

    def attempt(n):
        try:
            barrier.wait()
            _book(procedure, f"+8491200020{n}")
            outcomes.append("ok")
        except services.BookingRefused:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == 2
    assert Appointment.objects.active().count() == 2
    assert connection.vendor == "postgresql"
