"""A full disk while a resident or the desk sends files: a clear Vietnamese page, what was
typed and staged before is kept, and nothing is left behind (no temporary upload, no
partial private file, no dossier).

The disk fills through the seams of tests/portal/disk.py: Django's temporary upload file,
and content whose chunks stop with ENOSPC halfway through the private write.
"""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from procedures import staging
from procedures.constants import DossierStatus
from procedures.models import Dossier, DossierDocument
from procedures.storage import private_storage
from tests.portal.disk import MB, HalfWritten, disk_full, fill_upload_disk_after
from tests.procedures.desk.test_counter import form_url, post_data
from tests.procedures.factories import (
    awaiting_supplement,
    pdf_bytes,
)
from tests.procedures.journey import (
    applicant_data,
    fill_until_check,
    step_url,
    submission_token,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload_dir(settings, tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


@pytest.fixture
def private_disk_full(monkeypatch):
    """Every write into the private storage stops halfway with ENOSPC; a hard link to the
    final name fails too, so the files are copied (and the copy fails)."""

    monkeypatch.setattr(staging, "ContentFile", HalfWritten)
    monkeypatch.setattr(os, "link", no_room_to_link)
    return monkeypatch


def no_room_to_link(source, target):
    raise disk_full()


def private_files(prefix):
    found = []
    for base, _dirs, files in os.walk(private_storage.path(prefix)):
        found.extend(os.path.join(base, f) for f in files)
    return found


def post_with_token(client, url, data):
    """A POST as the browser sends it, with the form's CSRF token."""
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def big_pdf(name="to-khai.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(b"0" * 3 * MB), content_type="application/pdf")


# --- the resident's documents step ---------------------------------------------------------


def test_big_upload_with_the_temporary_disk_full(procedure, ward, upload_dir, monkeypatch):
    """Over 2.5 MB the body is streamed to disk, and read first by the guard before the CSRF
    check: the page says the file was not received, the temporary file is gone, the file
    staged before and the applicant's data stay, and the same post works once there is room."""
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.get(step_url(procedure, "nguoi-nop"))  # sets the CSRF cookie
    answers = {"ten_tre": "Nguyễn Văn Bình", "ngay_sinh_tre": "01/02/2025"}
    assert (
        post_with_token(client, step_url(procedure, "nguoi-nop"), applicant_data()).status_code
        == 302
    )
    assert post_with_token(client, step_url(procedure, "cau-hoi"), answers).status_code == 302
    first, second, _optional = procedure.documents.all()
    small = {f"doc_{second.pk}": upload("chung-sinh.pdf", pdf_bytes())}
    assert post_with_token(client, step_url(procedure, "giay-to"), small).status_code == 200
    assert len(private_files("tmp")) == 1

    fill_upload_disk_after(monkeypatch, 1 * MB)
    response = post_with_token(
        client, step_url(procedure, "giay-to"), {f"doc_{first.pk}": big_pdf()}
    )
    assert response.status_code == 503
    assert "Chưa lưu được tệp" in response.text and "vẫn được giữ nguyên" in response.text
    assert list(upload_dir.iterdir()) == []
    assert len(private_files("tmp")) == 1 and not Dossier.objects.exists()

    page = client.get(step_url(procedure, "giay-to"))
    assert "Đã tải lên: chung-sinh.pdf" in page.text
    assert "Nguyễn Văn An" in client.get(step_url(procedure, "nguoi-nop")).text

    monkeypatch.undo()  # room on the disk again
    response = post_with_token(
        client, step_url(procedure, "giay-to"), {f"doc_{first.pk}": big_pdf()}
    )
    assert (response.status_code, response["Location"]) == (302, step_url(procedure, "dong-y"))
    assert len(private_files("tmp")) == 2 and list(upload_dir.iterdir()) == []


def test_private_disk_full_while_staging(client, procedure, ward, private_disk_full):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    client.post(step_url(procedure, "cau-hoi"), {"ten_tre": "Bình", "ngay_sinh_tre": "01/02/2025"})
    first = procedure.documents.first()
    response = client.post(
        step_url(procedure, "giay-to"), {f"doc_{first.pk}": upload("to-khai.pdf", pdf_bytes())}
    )
    assert response.status_code == 200
    assert "Không lưu được tệp “to-khai.pdf” do sự cố máy chủ; xin thử lại." in response.text
    assert private_files("tmp") == []  # no half-written staged file


# --- the resident's submission -------------------------------------------------------------


def test_private_disk_full_while_submitting(client, procedure, ward, monkeypatch):
    check = fill_until_check(client, procedure)
    assert len(private_files("tmp")) == 2
    monkeypatch.setattr(staging, "ContentFile", HalfWritten)
    monkeypatch.setattr(os, "link", no_room_to_link)
    token = submission_token(check)
    response = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert response.status_code == 503
    assert "Chưa gửi được hồ sơ" in response.text
    assert not Dossier.objects.exists() and not DossierDocument.objects.exists()
    assert private_files("dossiers") == []  # no partial final copy
    assert len(private_files("tmp")) == 2  # the staged files wait for the retry
    assert "Nguyễn Văn An" in client.get(step_url(procedure, "kiem-tra")).text

    monkeypatch.undo()
    response = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert response.status_code == 302 and Dossier.objects.count() == 1
    assert len(private_files("dossiers")) == 2


# --- the resident's supplement -------------------------------------------------------------


def test_private_disk_full_while_sending_a_supplement(client, ward, monkeypatch):
    dossier, [missing] = awaiting_supplement("Giấy chứng sinh", note="Thiếu giấy chứng sinh.")
    client.post(reverse("procedures:tracking"), {"code": dossier.code, "phone": "0912345678"})
    monkeypatch.setattr(staging, "ContentFile", HalfWritten)
    response = client.post(
        reverse("procedures:tracking_supplement"),
        {f"doc_{missing.pk}": upload("cs.pdf", pdf_bytes())},
    )
    assert response.status_code == 503
    assert "Chưa lưu được giấy tờ bổ sung do sự cố máy chủ; hồ sơ chưa thay đổi." in response.text
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert not dossier.documents.exists() and private_files("dossiers") == []


# --- the desk ------------------------------------------------------------------------------


def test_desk_scan_with_the_private_disk_full(client, reception, desk_procedure, private_disk_full):
    client.force_login(reception)
    response = client.post(form_url(desk_procedure), post_data(desk_procedure))
    assert response.status_code == 200
    assert "Không lưu được tệp “to-khai.pdf” do sự cố máy chủ" in response.text
    assert 'value="0310 9000 1234"' in response.text  # what the officer typed stays
    assert not Dossier.objects.exists() and private_files("tmp") == []


def test_desk_registration_with_the_private_disk_full(
    client, reception, desk_procedure, monkeypatch
):
    """The scan is staged, then the disk fills while it gets its final name."""
    client.force_login(reception)
    monkeypatch.setattr(os, "link", no_room_to_link)
    real_stage = staging.StagedFile.stage.__func__

    def stage_then_fill(cls, clean):
        staged = real_stage(cls, clean)
        monkeypatch.setattr(staging, "ContentFile", HalfWritten)
        return staged

    monkeypatch.setattr(staging.StagedFile, "stage", classmethod(stage_then_fill))
    response = client.post(form_url(desk_procedure), post_data(desk_procedure))
    assert response.status_code == 503
    assert "Chưa lưu được hồ sơ do sự cố máy chủ" in response.text
    assert 'value="0310 9000 1234"' in response.text and 'name="staged_' in response.text
    assert not Dossier.objects.exists() and private_files("dossiers") == []
    assert len(private_files("tmp")) == 1  # the staged scan, kept for the retry
