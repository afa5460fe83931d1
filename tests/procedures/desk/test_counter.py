"""The reception desk registers a dossier brought in person (channel "trực tiếp"):
the service, the admin page, validation, no half-made dossier, permissions, statistics."""

import datetime
import hashlib
import io
import json
import os
import re
import unicodedata

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from notifications.models import Notification
from procedures import privacy
from procedures.constants import Channel
from procedures.constants import DossierStatus as S
from procedures.desk.counter import PROCEDURE_PARAM
from procedures.models import Dossier, DossierDocument, DossierEvent
from procedures.services import dossier_register_in_person
from procedures.staging import StagedFile
from procedures.storage import private_storage, temp_name
from procedures.workflow import TransitionRefused
from staff.models import AuditEntry
from tests.procedures.factories import (
    VALID_ID,
    ProcedureFactory,
    RequiredDocumentFactory,
    an_phong,
    hai_phong,
    image_bytes,
    pdf_bytes,
)
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

REGISTER = reverse("admin:procedures_dossier_register")
CHANGELIST = reverse("admin:procedures_dossier_changelist")


@pytest.fixture
def other_procedure(field_b):
    p = ProcedureFactory(name="Chứng thực bản sao", field=field_b)
    RequiredDocumentFactory(procedure=p, name="Bản chính giấy tờ")
    return p


def docs(procedure):
    return list(procedure.documents.all())


def form_url(procedure):
    return f"{REGISTER}?{PROCEDURE_PARAM}={procedure.pk}"


def applicant_fields():
    return {
        "applicant_name": "Nguyễn Văn An",
        "id_number": VALID_ID,
        "birth_date": datetime.date(1990, 5, 17),
        "sex": "male",
        "phone": "+84912345678",
        "email": "an@example.com",
        "province": hai_phong(),
        "ward": an_phong(),
        "ward_name": "",
        "street": "Số 1, tổ dân phố 2",
    }


def staged_pdf():
    data = pdf_bytes()
    name = private_storage.save(temp_name("pdf"), io.BytesIO(data))
    return StagedFile(
        temp_name=name,
        original_name="to-khai.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        extension="pdf",
    )


def stored_files(prefix="dossiers"):
    root = private_storage.path(prefix)
    found = []
    for base, _dirs, files in os.walk(root):
        found.extend(os.path.join(base, f) for f in files)
    return found


def applicant_post():
    return {
        # Decomposed diacritics and doubled spaces: stored as NFC, spaces collapsed.
        "full_name": unicodedata.normalize("NFD", "  nguyễn   văn an "),
        "id_number": "0310 9000 1234",
        "birth_date": "17/05/1990",
        "sex": "male",
        "phone": "0912.345.678",
        "email": "an@example.com",
        "province": hai_phong().pk,
        "ward": an_phong().pk,
        "ward_name": "",
        "street": "Số 1, tổ dân phố 2",
        "consent": "on",
        "accept": "on",
        "note": "Đã đối chiếu bản chính giấy chứng sinh.",
    }


def post_data(procedure, **over):
    """A valid POST for `desk_procedure`: one scan, one paper document, the question."""
    first, second, _optional = docs(procedure)
    data = {
        **applicant_post(),
        "q-ten_tre": "Nguyễn An Bình",
        f"doc_{first.pk}": SimpleUploadedFile("to-khai.pdf", pdf_bytes(), "application/pdf"),
        f"paper_{second.pk}": "1",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def post_data_for_single(procedure):
    """A valid POST for a procedure with one document, received on paper."""
    (only,) = docs(procedure)
    return {**applicant_post(), f"paper_{only.pk}": "1"}


# --- the service ---------------------------------------------------------------------------


class TestService:
    def test_creates_an_in_person_dossier_by_the_actor(
        self, desk_procedure, reception, clock, django_capture_on_commit_callbacks
    ):
        clock.now = at(2026, 3, 2, 8)
        first, second, _optional = docs(desk_procedure)
        staged = staged_pdf()
        with django_capture_on_commit_callbacks(execute=True):
            dossier, token = dossier_register_in_person(
                procedure=desk_procedure,
                applicant=applicant_fields(),
                documents=[(first, staged)],
                paper_documents=[second],
                actor=reception,
                note="Ghi chú nội bộ",
                notice_version=privacy.VERSION,
            )
        dossier.refresh_from_db()
        assert dossier.channel == Channel.IN_PERSON
        assert dossier.code == "H26.APH-260302-0001"  # the day's first dossier
        assert dossier.status == S.NEW and dossier.submission_token is None
        assert Dossier.objects.by_tracking_token(token).get() == dossier
        event = dossier.events.get()
        assert (event.from_status, event.to_status, event.actor) == (None, S.NEW, reception)
        assert "trực tiếp" in event.public_note and event.internal_note == "Ghi chú nội bộ"
        scanned, paper = dossier.documents.order_by("on_paper")
        assert private_storage.open(scanned.file.name).read() == pdf_bytes()
        assert (paper.on_paper, paper.file.name, paper.document_name) == (True, "", second.name)
        assert not private_storage.exists(staged.temp_name)  # the staged copy goes after commit
        entry = AuditEntry.objects.for_object(dossier).get(action="create")
        assert entry.actor == reception and entry.details["paper"] == 1
        # The receipt by e-mail, with the secret link; no second mail.
        assert len(mail.outbox) == 1
        assert dossier.code in mail.outbox[0].subject
        assert token in mail.outbox[0].body and "nộp trực tiếp" in mail.outbox[0].body

    def test_accept_at_once_gives_the_appointment_in_one_mail(
        self, desk_procedure, reception, clock, django_capture_on_commit_callbacks
    ):
        clock.now = at(2026, 3, 2, 8)  # Monday; 3 working days -> Thursday 5/3
        first, second, _optional = docs(desk_procedure)
        with django_capture_on_commit_callbacks(execute=True):
            dossier, _token = dossier_register_in_person(
                procedure=desk_procedure,
                applicant=applicant_fields(),
                documents=[],
                paper_documents=[first, second],
                actor=reception,
                notice_version=privacy.VERSION,
                accept=True,
            )
        dossier.refresh_from_db()
        assert dossier.status == S.ACCEPTED and dossier.accepted_at == at(2026, 3, 2, 8)
        assert dossier.due_date.strftime("%d/%m/%Y") == "05/03/2026"
        events = list(dossier.events.values_list("to_status", "actor"))
        assert events == [(S.NEW, reception.pk), (S.ACCEPTED, reception.pk)]
        assert AuditEntry.objects.for_object(dossier).filter(action="transition").count() == 1
        assert len(mail.outbox) == 1 and "05/03/2026" in mail.outbox[0].body
        assert Notification.objects.count() == 1

    def test_mandatory_document_missing_is_refused(self, desk_procedure, reception):
        first, _second, _optional = docs(desk_procedure)
        with pytest.raises(ValidationError, match="Giấy chứng sinh"):
            dossier_register_in_person(
                procedure=desk_procedure,
                applicant=applicant_fields(),
                documents=[],
                paper_documents=[first],
                actor=reception,
                notice_version=privacy.VERSION,
            )
        assert not Dossier.objects.exists()

    def test_other_field_is_refused(self, other_procedure, reception):
        with pytest.raises(ValidationError, match="không được tiếp nhận"):
            dossier_register_in_person(
                procedure=other_procedure,
                applicant=applicant_fields(),
                documents=[],
                paper_documents=docs(other_procedure),
                actor=reception,
                notice_version=privacy.VERSION,
            )
        assert not Dossier.objects.exists()

    def test_officer_without_the_desk_permission_is_refused(self, desk_procedure, officer):
        with pytest.raises(ValidationError, match="không được tiếp nhận") as info:
            dossier_register_in_person(
                procedure=desk_procedure,
                applicant=applicant_fields(),
                documents=[],
                paper_documents=docs(desk_procedure),
                actor=officer,
                notice_version=privacy.VERSION,
            )
        assert info.value.code == "permission"
        assert not Dossier.objects.exists()

    def test_failed_acceptance_leaves_no_row_and_no_file(
        self, desk_procedure, reception, monkeypatch, django_capture_on_commit_callbacks
    ):
        """The acceptance runs inside the creation's transaction: refused, nothing stays."""

        def refuse(**kwargs):
            raise TransitionRefused("từ chối", code="forbidden")

        monkeypatch.setattr("procedures.services.dossier_transition", refuse)
        first, second, _optional = docs(desk_procedure)
        staged = staged_pdf()
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(TransitionRefused, match="từ chối"),
        ):
            dossier_register_in_person(
                procedure=desk_procedure,
                applicant=applicant_fields(),
                documents=[(first, staged)],
                paper_documents=[second],
                actor=reception,
                notice_version=privacy.VERSION,
                accept=True,
            )
        assert not Dossier.objects.exists()
        assert not DossierDocument.objects.exists() and not DossierEvent.objects.exists()
        assert not AuditEntry.objects.filter(action="create").exists()
        assert stored_files() == []
        assert mail.outbox == []


# --- the admin page -------------------------------------------------------------------------


class TestDeskPage:
    def test_changelist_offers_the_button_to_the_desk_only(self, client, reception, officer):
        client.force_login(reception)
        assert REGISTER in client.get(CHANGELIST).text
        assert "Tiếp nhận hồ sơ trực tiếp" in client.get(CHANGELIST).text
        client.force_login(officer)
        assert REGISTER not in client.get(CHANGELIST).text

    def test_chooser_lists_only_the_officers_fields(
        self, client, reception, desk_procedure, other_procedure
    ):
        client.force_login(reception)
        html = client.get(REGISTER).text
        assert desk_procedure.name in html and other_procedure.name not in html
        assert html.count("<h1") == 1

    def test_form_shows_applicant_questions_and_documents(self, client, reception, desk_procedure):
        client.force_login(reception)
        response = client.get(form_url(desk_procedure))
        html = response.text
        assert response.status_code == 200
        for text in ("Số định danh cá nhân", "Tên của trẻ", "Giấy chứng sinh", "Nhận bản giấy"):
            assert text in html
        assert 'enctype="multipart/form-data"' in html and "style=" not in html.split("<main")[1]

    def test_register_accept_and_print_the_receipt(
        self, client, reception, desk_procedure, clock, django_capture_on_commit_callbacks
    ):
        clock.now = at(2026, 3, 2, 8)
        client.force_login(reception)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(form_url(desk_procedure), post_data(desk_procedure))
        dossier = Dossier.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:procedures_dossier_change", args=[dossier.pk])
        assert dossier.channel == Channel.IN_PERSON and dossier.status == S.ACCEPTED
        assert dossier.applicant_name == "Nguyễn Văn An"  # NFC, collapsed, capitalised
        assert unicodedata.is_normalized("NFC", dossier.applicant_name)
        assert dossier.phone == "+84912345678" and dossier.id_number == VALID_ID
        assert dossier.answers["ten_tre"]["value"] == "Nguyễn An Bình"
        assert dossier.privacy_notice_version == privacy.VERSION
        assert dossier.events.first().actor == reception
        assert dossier.events.first().internal_note.startswith("Đã đối chiếu")
        assert len(stored_files()) == 1 and stored_files("tmp") == []
        page = client.get(response["Location"]).text
        assert dossier.code in page and "mẫu 01" in page
        receipt = client.get(
            reverse("admin:procedures_dossier_print", args=[dossier.pk, "01"])
        ).text
        assert "GIẤY TIẾP NHẬN HỒ SƠ" in receipt and "05/03/2026" in receipt
        assert "to-khai.pdf" in receipt and "Giấy chứng sinh (bản giấy)" in receipt
        assert len(mail.outbox) == 1

    def test_register_without_accepting_leaves_it_new(self, client, reception, desk_procedure):
        client.force_login(reception)
        data = post_data(desk_procedure)
        data.pop("accept")
        response = client.post(form_url(desk_procedure), data)
        assert response.status_code == 302
        dossier = Dossier.objects.get()
        assert dossier.status == S.NEW and dossier.accepted_at is None
        page = client.get(response["Location"], follow=True).text
        assert "Mới đăng ký" in page

    def test_tracking_by_code_and_phone(self, client, reception, desk_procedure):
        client.force_login(reception)
        client.post(form_url(desk_procedure), post_data(desk_procedure))
        dossier = Dossier.objects.get()
        client.logout()
        response = client.post(
            reverse("procedures:tracking"), {"code": dossier.code, "phone": "0912 345 678"}
        )
        assert response["Location"] == reverse("procedures:tracking_result")
        html = client.get(response["Location"]).text
        assert dossier.code in html and "Được tiếp nhận" in html
        receipt = client.get(reverse("procedures:tracking_receipt")).text
        assert "nộp trực tiếp" in receipt and "Bản giấy" in receipt

    def test_validation_errors_in_vietnamese_keep_the_values(
        self, client, reception, desk_procedure
    ):
        client.force_login(reception)
        data = post_data(
            desk_procedure,
            full_name="Trần Thị Hoa",
            id_number="031190001234",  # female digit, but "male" is chosen
            birth_date="05/31/1990",  # month first: refused
            phone="0225 3836 123",  # a Hải Phòng landline
            consent=None,
        )
        response = client.post(form_url(desk_procedure), data)
        html = response.text
        assert response.status_code == 200
        assert "Nhập ngày theo dạng ngày/tháng/năm" in html
        assert "số máy bàn" in html
        assert "Xác nhận công dân đã được thông báo" in html
        assert 'value="Trần Thị Hoa"' in html and 'value="031190001234"' in html
        assert 'value="05/31/1990"' in html and "Nguyễn An Bình" in html
        assert "data-error-summary" in html and 'href="#id_birth_date"' in html
        assert not Dossier.objects.exists() and stored_files() == []
        # The scanned file passed its checks: it is kept for the next try.
        first = docs(desk_procedure)[0]
        assert f'name="staged_{first.pk}"' in html and "to-khai.pdf" in html
        signed = re.search(rf'name="staged_{first.pk}" value="([^"]+)"', html).group(1)

        fixed = post_data(desk_procedure, **{f"doc_{first.pk}": None, f"staged_{first.pk}": signed})
        response = client.post(form_url(desk_procedure), fixed)
        assert response.status_code == 302
        document = Dossier.objects.get().documents.get(on_paper=False)
        assert document.original_name == "to-khai.pdf"
        assert private_storage.open(document.file.name).read() == pdf_bytes()

    def test_phone_with_letters_is_refused(self, client, reception, desk_procedure):
        client.force_login(reception)
        response = client.post(
            form_url(desk_procedure), post_data(desk_procedure, phone="0912 ABC DEF")
        )
        assert response.status_code == 200
        assert "không ghi chữ cái" in response.text and 'value="0912 ABC DEF"' in response.text
        assert not Dossier.objects.exists()

    def test_cccd_check_against_birth_year(self, client, reception, desk_procedure):
        client.force_login(reception)
        response = client.post(
            form_url(desk_procedure), post_data(desk_procedure, birth_date="17/05/1991")
        )
        assert "hai số cuối của năm sinh (91)" in response.text
        assert not Dossier.objects.exists()

    def test_ward_must_belong_to_the_province(self, client, reception, desk_procedure):
        from procedures.models import Province

        other = Province.objects.exclude(pk=hai_phong().pk).first()
        client.force_login(reception)
        response = client.post(
            form_url(desk_procedure), post_data(desk_procedure, province=other.pk)
        )
        assert "không thuộc tỉnh, thành phố đã chọn" in response.text

    def test_each_mandatory_document_needs_a_scan_or_the_paper_tick(
        self, client, reception, desk_procedure
    ):
        first, second, _optional = docs(desk_procedure)
        client.force_login(reception)
        data = post_data(desk_procedure, **{f"paper_{second.pk}": None})
        response = client.post(form_url(desk_procedure), data)
        assert "Giấy chứng sinh: tải lên tệp quét hoặc đánh dấu" in response.text
        assert not Dossier.objects.exists()
        both = post_data(desk_procedure, **{f"paper_{first.pk}": "1"})
        response = client.post(form_url(desk_procedure), both)
        assert "chọn một cách nhận" in response.text
        assert not Dossier.objects.exists()

    def test_hostile_file_is_refused_by_name_and_reason(self, client, reception, desk_procedure):
        first = docs(desk_procedure)[0]
        client.force_login(reception)
        fake = SimpleUploadedFile("anh.png", pdf_bytes(), "image/png")  # PDF bytes, .png name
        response = client.post(
            form_url(desk_procedure), post_data(desk_procedure, **{f"doc_{first.pk}": fake})
        )
        assert "Tệp “anh.png”: phần mở rộng “.png” không khớp" in response.text
        assert not Dossier.objects.exists() and stored_files("tmp") == []

    def test_image_is_reencoded(self, client, reception, desk_procedure):
        first = docs(desk_procedure)[0]
        client.force_login(reception)
        photo = SimpleUploadedFile("anh.jpg", image_bytes("JPEG", exif=True), "image/jpeg")
        client.post(
            form_url(desk_procedure), post_data(desk_procedure, **{f"doc_{first.pk}": photo})
        )
        document = Dossier.objects.get().documents.get(on_paper=False)
        assert b"CameraMaker" not in private_storage.open(document.file.name).read()

    def test_forged_staged_reference_is_ignored(self, client, reception, desk_procedure):
        first = docs(desk_procedure)[0]
        client.force_login(reception)
        data = post_data(
            desk_procedure,
            **{f"doc_{first.pk}": None, f"staged_{first.pk}": "tmp/abc.pdf:forged"},
        )
        response = client.post(form_url(desk_procedure), data)
        assert "Tờ khai đăng ký khai sinh: tải lên tệp quét" in response.text
        assert not Dossier.objects.exists()

    def test_database_failure_leaves_no_half_made_dossier(
        self, client, reception, desk_procedure, monkeypatch
    ):
        """The first history row fails after the dossier row and the files were written."""

        def broken(*args, **kwargs):
            raise DatabaseError("disk full")

        monkeypatch.setattr(DossierEvent.objects, "create", broken)
        client.force_login(reception)
        response = client.post(form_url(desk_procedure), post_data(desk_procedure))
        assert response.status_code == 503
        assert "Chưa lưu được hồ sơ do sự cố máy chủ" in response.text
        assert 'value="0310 9000 1234"' in response.text and 'name="staged_' in response.text
        assert not Dossier.objects.exists() and not DossierDocument.objects.exists()
        assert stored_files() == []  # the final copy is removed; the staged one kept for retry


# --- permissions ----------------------------------------------------------------------------


class TestPermissionMatrix:
    """Anonymous → log-in page; no desk permission → 403; the desk only for its own
    fields (another field → 403, nothing written); a leader for every field."""

    def test_anonymous_goes_to_login(self, client, desk_procedure):
        for response in (
            client.get(REGISTER),
            client.get(form_url(desk_procedure)),
            client.post(form_url(desk_procedure), {}),
        ):
            assert response.status_code == 302
            assert "/quan-tri/login/" in response["Location"]
        assert not Dossier.objects.exists()

    def test_staff_without_role_and_officer_are_forbidden(self, client, desk_procedure, officer):
        from tests.staff.factories import UserFactory

        for user in (UserFactory(staff=True), officer):
            client.force_login(user)
            assert client.get(REGISTER).status_code == 403
            assert client.get(form_url(desk_procedure)).status_code == 403
            response = client.post(form_url(desk_procedure), post_data(desk_procedure))
            assert response.status_code == 403
        assert not Dossier.objects.exists()

    def test_reception_is_limited_to_its_fields(self, client, reception, other_procedure):
        client.force_login(reception)
        assert client.get(form_url(other_procedure)).status_code == 403
        data = post_data_for_single(other_procedure)
        assert client.post(form_url(other_procedure), data).status_code == 403
        assert not Dossier.objects.exists()

    def test_leader_registers_for_every_field(self, client, leader, other_procedure):
        client.force_login(leader)
        assert client.get(form_url(other_procedure)).status_code == 200
        response = client.post(form_url(other_procedure), post_data_for_single(other_procedure))
        assert response.status_code == 302
        assert Dossier.objects.get().events.first().actor == leader

    def test_unknown_procedure_shows_the_chooser_error(self, client, reception):
        client.force_login(reception)
        response = client.get(f"{REGISTER}?{PROCEDURE_PARAM}=abc")
        assert response.status_code == 200
        assert "Chọn một thủ tục trong danh sách." in response.text


# --- statistics -----------------------------------------------------------------------------


def test_statistics_count_it_as_in_person(client, reception, desk_procedure, clock):
    clock.now = at(2026, 3, 2, 8)
    client.force_login(reception)
    client.post(form_url(desk_procedure), post_data(desk_procedure))
    client.logout()
    data = json.loads(client.get(reverse("procedures:statistics_json")).content)
    march = {m["month"]: m for m in data["months"]}["2026-03"]
    assert (march["received"], march["online"], march["in_person"]) == (1, 0, 1)
    assert march["fully_online"] == 0
    html = client.get(reverse("procedures:statistics")).text
    assert '<th scope="row">03/2026</th>' in html
