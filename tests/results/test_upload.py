"""The officer's upload of a result on the dossier's admin page."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from procedures.constants import DossierStatus as S
from results import services
from results.models import DossierResult
from tests.results.conftest import pdf_upload, stored_results
from tests.results.signing import SIGNER_NAME, plain_pdf

pytestmark = pytest.mark.django_db


def upload_url(dossier):
    return reverse("admin:procedures_dossier_result_upload", args=[dossier.pk])


def change_url(dossier):
    return reverse("admin:procedures_dossier_change", args=[dossier.pk])


def post_file(client, dossier, data, name="quyet-dinh.pdf"):
    return client.post(upload_url(dossier), {"file": pdf_upload(data, name)}, follow=True)


def test_upload_finishes_the_dossier_and_tells_the_resident(
    client, processing, officer, signed_pdf, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        page = post_file(client, processing, signed_pdf)
    assert "Đã cập nhật kết quả “quyet-dinh.pdf”" in page.text
    processing.refresh_from_db()
    assert processing.status == S.DONE
    result = DossierResult.objects.get(dossier=processing)
    assert result.uploaded_by == officer and result.size == len(signed_pdf)
    assert result.file.name.startswith("results/") and result.file.name.endswith(".pdf")
    assert (result.has_signature, result.intact, result.trusted) == (True, True, False)
    # The dossier page shows the signature facts and says the signer was not checked.
    assert f"Ký số bởi {SIGNER_NAME}" in page.text
    assert "tài liệu chưa bị sửa sau khi ký" in page.text
    assert "chưa được đối chiếu với chứng thư gốc tin cậy" in page.text
    # One message, the result's, not also the generic status mail.
    [mail] = mailoutbox
    assert mail.to == ["an@example.com"]
    assert f"Hồ sơ {processing.code}: đã có kết quả" == mail.subject
    assert "tải kết quả" in mail.body.lower()
    assert (
        Notification.objects.for_object(processing)
        .filter(template="results/notifications/result_ready")
        .exists()
    )


def test_sms_too_when_switched_on(processing, officer, signed_pdf, settings):
    settings.DOSSIER_SMS_NOTIFICATIONS = True
    services.attach_result(dossier=processing, upload=pdf_upload(signed_pdf), actor=officer)
    channels = set(Notification.objects.for_object(processing).values_list("channel", "template"))
    assert {c for c, t in channels if t == "results/notifications/result_ready"} == {
        "email",
        "sms",
    }


def test_bytes_that_are_not_a_pdf_are_refused_and_nothing_is_stored(client, processing, officer):
    client.force_login(officer)
    page = post_file(client, processing, b"\x89PNG\r\n\x1a\n" + b"0" * 200, name="ket-qua.pdf")
    assert "không khớp với nội dung tệp" in page.text
    page = post_file(client, processing, b"MZ\x90\x00 not a document", name="ket-qua.pdf")
    assert "nội dung không phải PDF" in page.text
    processing.refresh_from_db()
    assert processing.status == S.PROCESSING
    assert not DossierResult.objects.exists() and stored_results() == []


def test_an_oversized_file_is_refused(client, processing, officer, settings):
    settings.RESULT_MAX_FILE_SIZE = 1000
    client.force_login(officer)
    page = post_file(client, processing, plain_pdf() + b"%" * 2000)
    assert "vượt quá mức tối đa" in page.text
    assert not DossierResult.objects.exists() and stored_results() == []


def test_a_failure_after_the_file_is_written_leaves_no_file(
    processing, officer, signed_pdf, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("mail queue down")

    monkeypatch.setattr(services, "queue_result_ready", broken)
    with pytest.raises(RuntimeError):
        services.attach_result(dossier=processing, upload=pdf_upload(signed_pdf), actor=officer)
    processing.refresh_from_db()
    assert processing.status == S.PROCESSING
    assert not DossierResult.objects.exists() and stored_results() == []


def test_unsigned_and_altered_results_are_shown_as_such(
    client, with_result, officer, signed_pdf, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        page = post_file(client, with_result, plain_pdf(), name="ban-thay.pdf")
    assert "Tệp kết quả không có chữ ký số." in page.text
    with django_capture_on_commit_callbacks(execute=True):
        page = post_file(client, with_result, signed_pdf.replace(b"KET QUA", b"KAT QUA"))
    assert "tài liệu đã bị sửa sau khi ký" in page.text
    # The result was replaced each time: one row, one file.
    assert DossierResult.objects.count() == 1 and len(stored_results()) == 1


def test_a_trusted_root_shows_on_the_dossier_page(client, processing, officer, pki, settings):
    settings.RESULT_SIGNATURE_TRUST_ROOTS = [str(pki.root_pem)]
    client.force_login(officer)
    page = post_file(client, processing, pki.sign(plain_pdf()))
    assert "dẫn đến chứng thư gốc tin cậy" in page.text
    assert "chưa được đối chiếu" not in page.text


def test_only_those_who_may_finish_the_dossier_upload(
    client, processing, reception, other_officer, signed_pdf
):
    client.force_login(reception)  # sees the dossier, may not process it
    assert "Cập nhật kết quả" not in client.get(change_url(processing)).text
    assert client.post(upload_url(processing), {"file": pdf_upload(signed_pdf)}).status_code == 403
    client.force_login(other_officer)  # another field: the dossier does not exist for him
    assert client.post(upload_url(processing), {"file": pdf_upload(signed_pdf)}).status_code == 404
    assert not DossierResult.objects.exists() and stored_results() == []


def test_no_upload_before_processing_nor_after_the_resident_took_it(
    client, procedure_a, officer, with_result, signed_pdf
):
    from tests.procedures.factories import DossierFactory

    accepted = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED])
    client.force_login(officer)
    assert client.post(upload_url(accepted), {"file": pdf_upload(signed_pdf)}).status_code == 403
    services.record_download(dossier=with_result, by="tracking")
    with_result.refresh_from_db()
    assert with_result.status == S.RETURNED
    assert client.post(upload_url(with_result), {"file": pdf_upload(signed_pdf)}).status_code == 403
