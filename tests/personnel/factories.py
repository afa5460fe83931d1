"""Factories for the organisation tests, with named states (Traits)."""

import datetime

import factory

from personnel.constants import OrganKind
from personnel.models import Appointment, Organ, Person, Term


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ["name"]

    name = "2025–2030"
    start_date = datetime.date(2025, 8, 14)
    end_date = None

    class Params:
        # The predecessor term, over before today.
        previous = factory.Trait(
            name="2020–2025",
            start_date=datetime.date(2020, 8, 1),
            end_date=datetime.date(2025, 8, 13),
        )


class OrganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organ

    name = factory.Sequence(lambda n: f"Cơ quan thử {n}")
    kind = OrganKind.PARTY
    order = factory.Sequence(lambda n: n * 10)

    class Params:
        with_contacts = factory.Trait(
            address="Số 1 đường Thử, phường An Phong",
            phone="0225 3999 000",
            email="coquan@anphong.example",
        )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    phone = factory.Sequence(lambda n: f"0225 3888 {n:03d}")
    email = factory.Sequence(lambda n: f"canbo{n}@anphong.example")
    publish_contacts = False

    class Params:
        # Decree 42/2022 Art. 4(1)(e): official contacts the record says may be published.
        published = factory.Trait(publish_contacts=True)
        demo = factory.Trait(is_demo=True, contacts_are_demo=True)


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    organ = factory.SubFactory(OrganFactory)
    term = factory.SubFactory(TermFactory)
    title = "Ủy viên"
    title_en = "Member"
    rank = 10
    start_date = factory.LazyAttribute(lambda a: a.term.start_date)

    class Params:
        key = factory.Trait(is_key=True)
        ended = factory.Trait(end_date=factory.LazyAttribute(lambda a: a.start_date))
