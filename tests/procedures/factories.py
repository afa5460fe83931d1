"""Factories for procedures and dossiers, with named states (DossierFactory(accepted=True))."""

import datetime
import io
import secrets
import uuid

import factory
from django.utils import timezone
from PIL import Image

from procedures.constants import DossierStatus, ServiceLevel
from procedures.models import (
    Dossier,
    DossierEvent,
    Procedure,
    ProcedureField,
    ProcedureQuestion,
    Province,
    RequiredDocument,
    Ward,
)
from procedures.models.dossiers import hash_tracking_token

VALID_ID = "031090001234"  # Hải Phòng code 031, 20th-c. male (0), born 1990
VALID_PHONE = "+84912345678"


class ProcedureFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureField
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    slug = factory.Sequence(lambda n: f"linh-vuc-{n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")
    field = factory.SubFactory(ProcedureFieldFactory)
    service_level = ServiceLevel.FULL
    processing_days = 3
    fee_amount = 0

    class Params:
        closed = factory.Trait(online_open=False)
        hidden = factory.Trait(is_published=False)


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    procedure = factory.SubFactory(ProcedureFactory)
    name = factory.Sequence(lambda n: f"Giấy tờ {n}")
    form = "original"
    is_mandatory = True
    order = factory.Sequence(int)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureQuestion

    procedure = factory.SubFactory(ProcedureFactory)
    key = factory.Sequence(lambda n: f"cau_{n}")
    label = factory.Sequence(lambda n: f"Câu hỏi {n}")
    kind = "text"


# The data migrations that load provinces and wards, in order; each loader is idempotent.
PLACES_MIGRATIONS = ["0002_places"]


def load_places():
    """Load the places data again, for tests that run after a transactional test's flush."""
    from importlib import import_module

    from django.apps import apps

    for name in PLACES_MIGRATIONS:
        import_module(f"procedures.migrations.{name}").load(apps, None)


def hai_phong():
    return Province.objects.get(slug="hai-phong")


def an_phong():
    return Ward.objects.get(province__slug="hai-phong", name="An Phong")


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"H26.APH-250101-{n:04d}")
    procedure = factory.SubFactory(ProcedureFactory)
    tracking_token_hash = factory.LazyFunction(
        lambda: hash_tracking_token(secrets.token_urlsafe(32))
    )
    submission_token = factory.LazyFunction(uuid.uuid4)
    applicant_name = "Nguyễn Văn An"
    id_number = VALID_ID
    birth_date = datetime.date(1990, 5, 17)
    sex = "male"
    phone = VALID_PHONE
    province = factory.LazyFunction(hai_phong)
    ward = factory.LazyFunction(an_phong)
    street = "Số 1, tổ dân phố 2"
    privacy_notice_version = "2026.1"
    consent_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def status_path(self, create, extracted, **kwargs):
        """DossierFactory(status_path=[2, 4]) walks the workflow through the service."""
        DossierEvent.objects.create(dossier=self, to_status=DossierStatus.NEW)
        if not extracted:
            return
        from django.contrib.auth import get_user_model

        from procedures.workflow import dossier_transition

        staff, _ = get_user_model().objects.get_or_create(
            username="canbo", defaults={"is_staff": True, "is_superuser": True}
        )
        for status in extracted:
            inputs = {}
            if status == DossierStatus.SUPPLEMENT_REQUESTED:
                inputs["documents"] = list(self.procedure.documents.all()) or [
                    RequiredDocumentFactory(procedure=self.procedure)
                ]
            if status == DossierStatus.FINANCIAL_OBLIGATION:
                inputs["amount"] = 50000
            dossier_transition(
                dossier=self,
                to_status=status,
                actor=staff,
                public_note="Ghi chú kiểm thử",
                **inputs,
            )


def ask_for_supplement(dossier, documents, *, note="Thiếu giấy chứng sinh bản rõ nét."):
    """The desk asks, through the workflow, for these documents of the dossier."""
    from django.contrib.auth import get_user_model

    from procedures.workflow import dossier_transition

    staff, _ = get_user_model().objects.get_or_create(
        username="tn", defaults={"is_staff": True, "is_superuser": True}
    )
    dossier_transition(
        dossier=dossier,
        to_status=DossierStatus.SUPPLEMENT_REQUESTED,
        actor=staff,
        public_note=note,
        documents=documents,
    )


def awaiting_supplement(*requested, note="Thiếu giấy chứng sinh bản rõ nét.", others=()):
    """A new dossier whose desk asked for documents of these names (created for its
    procedure, as are `others`, documents not asked for).
    Returns the dossier and the requested documents."""
    dossier = DossierFactory()
    documents = [
        RequiredDocumentFactory(procedure=dossier.procedure, name=name)
        for name in requested or ["Giấy chứng sinh"]
    ]
    for name in others:
        RequiredDocumentFactory(procedure=dossier.procedure, name=name)
    ask_for_supplement(dossier, documents, note=note)
    return dossier, documents


def pdf_bytes(extra=b""):
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n" + extra + b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def image_bytes(fmt="PNG", size=(40, 30), exif=False):
    buf = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "CameraMaker"  # Make
        data[0x8825] = {1: "N"}  # GPS IFD
        kwargs["exif"] = data
    image.save(buf, format=fmt, **kwargs)
    return buf.getvalue()
