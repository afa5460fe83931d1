"""Factories for desk appointments, with named states (AppointmentFactory(arrived=True))."""

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

import factory

from appointments.constants import AppointmentStatus
from appointments.models import Appointment, FieldCapacity, hash_manage_token
from tests.procedures.factories import ProcedureFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# A Monday with no holiday near it: the desk is open (07:30–11:30, 13:30–17:00).
MONDAY = dt.datetime(2027, 3, 1, 8, 0, tzinfo=VN)


def at(day, hh, mm=0):
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=VN)


class FieldCapacityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldCapacity

    per_slot = 1


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    class Params:
        token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
        arrived = factory.Trait(
            status=AppointmentStatus.ARRIVED, arrived_at=factory.SelfAttribute("starts_at")
        )
        cancelled = factory.Trait(status=AppointmentStatus.CANCELLED)
        no_show = factory.Trait(status=AppointmentStatus.NO_SHOW)

    code = factory.Sequence(lambda n: f"LH-TEST-{n:04d}")
    procedure = factory.SubFactory(ProcedureFactory)
    field = factory.SelfAttribute("procedure.field")
    starts_at = factory.LazyFunction(lambda: at(MONDAY.date() + dt.timedelta(days=1), 8))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=30))
    date = factory.LazyAttribute(lambda o: o.starts_at.astimezone(VN).date())
    name = "Nguyễn Văn An"
    phone = factory.Sequence(lambda n: f"+8491200{n:04d}")
    manage_token_hash = factory.LazyAttribute(lambda o: hash_manage_token(o.token))
