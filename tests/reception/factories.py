"""Factories for the reception schedule, with named states (Traits)."""

import datetime as dt

import factory
from django.utils import timezone

from reception.constants import ChangeKind, ReceiverRole, Weekday
from reception.models import ReceptionChange, ReceptionSession


class ReceptionSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionSession

    receiver_role = ReceiverRole.VICE_CHAIR
    weekday = Weekday.TUESDAY
    start_time = dt.time(7, 30)
    end_time = dt.time(11, 30)
    place = "Phòng tiếp công dân thử"
    valid_from = dt.date(2025, 7, 1)
    is_demo = True

    class Params:
        chair = factory.Trait(receiver_role=ReceiverRole.CHAIR, weekday=Weekday.THURSDAY)


class ReceptionChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionChange

    kind = ChangeKind.CANCEL
    session = factory.SubFactory(ReceptionSessionFactory)
    reason = "Lý do thử"
    announced_at = factory.LazyFunction(timezone.now)

    class Params:
        extra = factory.Trait(
            kind=ChangeKind.EXTRA,
            session=None,
            start_time=dt.time(14, 0),
            end_time=dt.time(16, 0),
            place="Hội trường thử",
            receiver_role=ReceiverRole.CHAIR,
        )
