"""The online form end to end: steps, server-side progress, one dossier per token."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from procedures.constants import DossierStatus
from procedures.models import Dossier, DossierDocument, DossierEvent
from procedures.storage import private_storage
from tests.procedures.journey import (
    applicant_data,
    fill_until_check,
    step_url,
    submission_token,
    submit,
)

pytestmark = pytest.mark.django_db


def test_whole_journey_creates_one_complete_dossier(
    client, ward, procedure, django_capture_on_commit_callbacks, clock
):
    consented = clock.now
    check = fill_until_check(client, procedure)
    clock.advance(minutes=5)  # the resident reads the summary before sending
    token = submission_token(check)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("procedures:submit_done", args=[procedure.slug, token])
    assert dossier.status == DossierStatus.NEW
    assert dossier.applicant_name == "Nguyễn Văn An"  # NFC, collapsed, capitalised as typed
    assert dossier.phone == "+84912345678"
    assert dossier.id_number == "031090001234"
    assert dossier.privacy_notice_version == "2026.2"
    assert dossier.consent_at == consented  # when the box was ticked, not when sent
    assert dossier.answers["ten_tre"] == {"label": "Tên của trẻ", "value": "Nguyễn Văn Bình"}
    assert dossier.answers["ngay_sinh_tre"]["value"] == "01/02/2025"
    docs = list(dossier.documents.all())
    assert len(docs) == 2
    for doc in docs:
        assert doc.file.name.startswith("dossiers/")
        assert private_storage.exists(doc.file.name)
        assert len(doc.sha256) == 64
    assert _all_files("tmp") == [], "staged files are removed after commit"
    assert DossierEvent.objects.filter(dossier=dossier, to_status=DossierStatus.NEW).count() == 1
    assert len(mail.outbox) == 1
    assert dossier.code in mail.outbox[0].subject
    assert "/tra-cuu/h/" in mail.outbox[0].body

    done = client.get(response["Location"])
    assert done.status_code == 200
    assert dossier.code in done.content.decode()
    assert "no-store" in done["Cache-Control"]


def test_code_has_national_format(client, ward, procedure, settings, clock):
    settings.DOSSIER_UNIT_CODE = "H26.APH"
    # 23:30 UTC on 2 March is already 3 March in Hải Phòng: the code takes the local day.
    clock.now = dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.UTC)
    submit(client, procedure)
    assert Dossier.objects.get().code == "H26.APH-260303-0001"


def test_double_submit_returns_the_same_dossier(client, ward, procedure):
    check = fill_until_check(client, procedure)
    token = submission_token(check)
    first = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    second = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert Dossier.objects.count() == 1
    done = reverse("procedures:submit_done", args=[procedure.slug, token])
    assert (first.status_code, first["Location"]) == (302, done)
    assert (second.status_code, second["Location"]) == (302, done)


def test_back_and_resubmit_returns_the_same_dossier(client, ward, procedure):
    response, token = submit(client, procedure)
    client.get(step_url(procedure, "kiem-tra"))  # Back: form state gone
    again = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert again.status_code == 302
    assert again["Location"] == response["Location"]
    assert Dossier.objects.count() == 1


def test_back_after_sending_says_it_was_sent_with_code_and_receipt(client, ward, procedure):
    """Issue 14 item 3: Back from the confirmation re-requests the check page or an earlier
    step of the finished form; it must say the dossier was sent, not that the session
    expired, and offer a new dossier only as a deliberate choice."""
    response, token = submit(client, procedure)
    dossier = Dossier.objects.get()
    start = reverse("procedures:submit_start", args=[procedure.slug])
    for step in ["kiem-tra", "dong-y", "giay-to", "cau-hoi", "nguoi-nop"]:
        page = client.get(step_url(procedure, step))
        html = page.content.decode()
        assert page.status_code == 200, step
        assert "no-store" in page["Cache-Control"]
        assert "Hồ sơ này đã được nộp" in html and dossier.code in html
        assert html.count("<h1") == 1
        assert reverse("procedures:tracking_receipt") in html
        assert reverse("procedures:tracking_result") in html
        assert response["Location"] in html  # the confirmation page
        assert f'href="{start}"' in html and "Bắt đầu một hồ sơ mới" in html
        assert "Phiên làm việc đã hết hạn" not in html
        assert 'name="full_name"' not in html and 'name="submission_token"' not in html
    assert dossier.code in client.get(reverse("procedures:tracking_receipt")).content.decode()

    # A stale page posted again changes nothing and gets the same answer.
    again = client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    assert again["Location"] == step_url(procedure, "nguoi-nop")
    assert "Hồ sơ này đã được nộp" in client.get(again["Location"]).content.decode()
    stale = client.post(step_url(procedure, "kiem-tra"), {})
    assert stale["Location"] == step_url(procedure, "kiem-tra")
    assert f"portal:wizard:{procedure.pk}" not in client.session
    assert Dossier.objects.count() == 1

    # Starting a new dossier on purpose gives a blank form, and a second dossier.
    assert client.get(start)["Location"] == step_url(procedure, "nguoi-nop")
    assert 'name="full_name"' in client.get(step_url(procedure, "nguoi-nop")).content.decode()
    submit(client, procedure)
    assert Dossier.objects.count() == 2


def test_expired_form_without_a_sent_dossier_still_restarts(client, ward, procedure):
    response = client.get(step_url(procedure, "giay-to"))
    assert response["Location"] == reverse("procedures:submit_start", args=[procedure.slug])


def test_forged_hidden_fields_are_ignored(client, ward, procedure, settings):
    settings.DOSSIER_UNIT_CODE = "H26.APH"
    check = fill_until_check(client, procedure)
    token = submission_token(check)
    client.post(
        step_url(procedure, "kiem-tra"),
        {
            "submission_token": token,
            "status": "10",
            "code": "FORGED-1",
            "procedure": "999",
            "tracking_token_hash": "0" * 64,
        },
    )
    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.NEW
    assert dossier.procedure_id == procedure.pk
    assert re.fullmatch(r"H26\.APH-\d{6}-0001", dossier.code), dossier.code
    assert dossier.tracking_token_hash != "0" * 64


def test_forged_submission_token_creates_nothing(client, ward, procedure):
    fill_until_check(client, procedure)
    response = client.post(
        step_url(procedure, "kiem-tra"),
        {"submission_token": "00000000-0000-0000-0000-000000000000"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("procedures:submit_start", args=[procedure.slug])
    assert Dossier.objects.count() == 0


def test_back_keeps_everything_typed_and_uploaded(client, ward, procedure):
    fill_until_check(client, procedure)
    page = client.get(step_url(procedure, "nguoi-nop")).content.decode()
    assert 'value="Nguyễn Văn An"' in page and 'value="17/05/1990"' in page
    docs = client.get(step_url(procedure, "giay-to")).content.decode()
    assert "to-khai.pdf" in docs and "chung-sinh.png" in docs
    consent = client.get(step_url(procedure, "dong-y")).content.decode()
    assert re.search(r'<input type="checkbox" name="consent"[^>]* checked>', consent)


def test_change_link_returns_to_check_page(client, ward, procedure):
    fill_until_check(client, procedure)
    response = client.post(
        step_url(procedure, "nguoi-nop") + "?doi=1", applicant_data(street="Số 9, tổ dân phố 4")
    )
    assert response["Location"] == step_url(procedure, "kiem-tra")
    assert "Số 9, tổ dân phố 4" in client.get(response["Location"]).content.decode()


def test_steps_cannot_be_skipped(client, ward, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    response = client.get(step_url(procedure, "kiem-tra"))
    assert response["Location"] == step_url(procedure, "nguoi-nop")


def test_missing_consent_is_refused(client, ward, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    client.post(step_url(procedure, "cau-hoi"), {"ten_tre": "An", "ngay_sinh_tre": "01/02/2025"})
    docs = list(procedure.documents.filter(is_mandatory=True))
    from tests.procedures.factories import pdf_bytes
    from tests.procedures.journey import upload

    client.post(
        step_url(procedure, "giay-to"),
        {f"doc_{d.pk}": upload(f"{d.pk}.pdf", pdf_bytes()) for d in docs},
    )
    response = client.post(step_url(procedure, "dong-y"), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html and "Đánh dấu vào ô đồng ý" in html
    assert client.get(step_url(procedure, "kiem-tra"))["Location"] == step_url(procedure, "dong-y")


def test_closed_procedure_has_no_form(client, ward):
    from tests.procedures.factories import ProcedureFactory

    p = ProcedureFactory(closed=True)
    assert client.get(reverse("procedures:submit_start", args=[p.slug])).status_code == 404


def test_csrf_is_enforced(ward, procedure):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.get(reverse("procedures:submit_start", args=[procedure.slug]))
    response = strict.post(step_url(procedure, "nguoi-nop"), applicant_data())
    assert response.status_code == 403


def test_database_failure_leaves_no_row_and_no_file(client, ward, procedure, monkeypatch):
    check = fill_until_check(client, procedure)
    token = submission_token(check)

    def broken(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("disk I/O error")

    monkeypatch.setattr(DossierDocument.objects, "bulk_create", broken)
    response = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert response.status_code == 503
    assert "Chưa gửi được hồ sơ" in response.content.decode()
    assert Dossier.objects.count() == 0
    assert not private_storage.exists("dossiers") or not _all_files("dossiers")
    monkeypatch.undo()
    # The resident's progress is intact: a retry succeeds.
    retry = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert retry.status_code == 302 and Dossier.objects.count() == 1


def test_disk_failure_leaves_no_row(client, ward, procedure, monkeypatch):
    check = fill_until_check(client, procedure)
    token = submission_token(check)
    from procedures import staging

    def full_disk(staged):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(staging, "copy_to_final", full_disk)
    response = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert response.status_code == 503
    assert "Chưa gửi được hồ sơ" in response.content.decode()
    assert Dossier.objects.count() == 0


def _all_files(root):
    dirs, files = private_storage.listdir(root)
    found = [f"{root}/{f}" for f in files]
    for d in dirs:
        found += _all_files(f"{root}/{d}")
    return found


@pytest.mark.parametrize("error", ["database", "disk"])
def test_the_not_sent_page_asks_to_retry_later(client, ward, procedure, monkeypatch, error):
    """The "Chưa gửi được hồ sơ" 503 carries Retry-After, like the site's other 503s."""
    from django.conf import settings
    from django.db import OperationalError

    def broken(*args, **kwargs):
        if error == "database":
            raise OperationalError("disk I/O error")
        raise OSError(28, "No space left on device")

    check = fill_until_check(client, procedure)
    token = submission_token(check)
    if error == "database":
        monkeypatch.setattr(DossierDocument.objects, "bulk_create", broken)
    else:
        from procedures import staging

        monkeypatch.setattr(staging, "copy_to_final", broken)
    response = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert response.status_code == 503
    assert "Chưa gửi được hồ sơ" in response.content.decode()
    assert response["Retry-After"] == str(settings.DATABASE_RETRY_AFTER)
