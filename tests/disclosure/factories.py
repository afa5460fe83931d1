"""Factories for disclosure entries and files, with named states (draft, scheduled, demo)."""

import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from disclosure.constants import Category, DisclosureStatus
from disclosure.models import DisclosureEntry, DisclosureFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class DisclosureEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisclosureEntry

    category = Category.INVESTMENT_PROJECTS
    title = factory.Sequence(lambda n: f"Dự án đầu tư công trình số {n}")
    summary = "Quyết định đầu tư và tiến độ thực hiện."
    status = DisclosureStatus.PUBLISHED
    posted_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=DisclosureStatus.DRAFT)
        scheduled = factory.Trait(
            posted_on=factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=1))
        )
        demo = factory.Trait(is_demo=True)


class DisclosureFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisclosureFile

    entry = factory.SubFactory(DisclosureEntryFactory)
    title = factory.Sequence(lambda n: f"Bảng số liệu {n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF, "bang.pdf"))
