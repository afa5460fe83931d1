"""“Lưu và tiếp tục sau”: save from any step, a one-time link by mail (and SMS), the form
opened again on another device with its answers and files, closed once sent or expired."""

import datetime as dt
import os
import re
import time

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications import sms
from notifications.models import Notification
from procedures.models import Dossier, DossierDraft
from procedures.storage import private_storage
from tests.procedures.factories import DossierFactory, image_bytes, pdf_bytes
from tests.procedures.journey import (
    applicant_data,
    fill_until_check,
    step_url,
    submission_token,
    upload,
)

pytestmark = pytest.mark.django_db

ANSWERS = {"ten_tre": "Nguyễn Văn Bình", "ngay_sinh_tre": "01/02/2025"}
LINK_RE = re.compile(r"https?://[^/\s]+(/thu-tuc/tiep-tuc/[A-Za-z0-9_-]+/)")


def save_url(procedure, step=None):
    url = reverse("procedures:draft_save", args=[procedure.slug])
    return f"{url}?buoc={step}" if step else url


def wizard(client, procedure):
    return client.session[f"portal:wizard:{procedure.pk}"]


def docs(procedure):
    mandatory = list(procedure.documents.filter(is_mandatory=True).order_by("pk"))
    optional = procedure.documents.get(is_mandatory=False)
    return mandatory[0], mandatory[1], optional


def to_documents(client, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    assert client.post(step_url(procedure, "nguoi-nop"), applicant_data()).status_code == 302
    assert client.post(step_url(procedure, "cau-hoi"), ANSWERS).status_code == 302


def save(client, procedure, captured, step=None, **data):
    """Post the save page; return the response and the path of the link mailed."""
    data = {"email": "an@example.com", **data}
    with captured(execute=True):
        response = client.post(save_url(procedure, step), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("procedures:draft_saved", args=[procedure.slug])
    return response, LINK_RE.search(mail.outbox[-1].body).group(1)


def saved_with_a_missing_document(client, procedure, captured):
    """The resident uploads one of two mandatory documents and saves; return the link."""
    first, _second, optional = docs(procedure)
    to_documents(client, procedure)
    response = client.post(
        step_url(procedure, "giay-to"),
        {
            f"doc_{first.pk}": upload("to-khai.pdf", pdf_bytes(b"to khai")),
            f"doc_{optional.pk}": upload("uy-quyen.pdf", pdf_bytes(b"uy quyen")),
            "luu": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == save_url(procedure, "giay-to")
    return save(client, procedure, captured, "giay-to")[1]


def _age(name, hours):
    past = time.time() - hours * 3600
    os.utime(private_storage.path(name), (past, past))


@pytest.fixture
def locmem_sms(settings):
    settings.SMS_BACKEND = "notifications.sms.LocmemSmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


# Saving from each kind of step --------------------------------------------------------------


def test_the_applicant_step_saves_only_valid_input(client, ward, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    page = client.get(step_url(procedure, "nguoi-nop")).content.decode()
    assert 'name="luu"' in page and "Lưu và tiếp tục sau" in page

    invalid = client.post(
        step_url(procedure, "nguoi-nop"), {**applicant_data(full_name=""), "luu": "1"}
    )
    html = invalid.content.decode()
    assert invalid.status_code == 200
    assert "Nhập họ và tên." in html
    assert 'value="Số 1, tổ dân phố 2"' in html  # what was typed stays
    assert wizard(client, procedure)["applicant"] is None

    valid = client.post(step_url(procedure, "nguoi-nop"), {**applicant_data(), "luu": "1"})
    assert (valid.status_code, valid["Location"]) == (302, save_url(procedure, "nguoi-nop"))
    assert wizard(client, procedure)["applicant"]["full_name"] == "Nguyễn Văn An"


def test_the_save_page_needs_a_started_form_and_the_applicant(client, ward, procedure):
    start = reverse("procedures:submit_start", args=[procedure.slug])
    assert client.get(save_url(procedure))["Location"] == start
    client.get(start)
    response = client.get(save_url(procedure, "cau-hoi"))
    assert response["Location"] == step_url(procedure, "nguoi-nop")


def test_questions_and_consent_keep_valid_input_and_refuse_invalid(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    invalid = client.post(
        step_url(procedure, "cau-hoi"), {**ANSWERS, "ngay_sinh_tre": "32/13/2025", "luu": "1"}
    )
    assert invalid.status_code == 200
    assert wizard(client, procedure)["answers"] is None
    valid = client.post(step_url(procedure, "cau-hoi"), {**ANSWERS, "luu": "1"})
    assert valid["Location"] == save_url(procedure, "cau-hoi")
    assert wizard(client, procedure)["answers"]["ten_tre"] == "Nguyễn Văn Bình"

    first, second, _optional = docs(procedure)
    client.post(
        step_url(procedure, "giay-to"),
        {
            f"doc_{first.pk}": upload("to-khai.pdf", pdf_bytes()),
            f"doc_{second.pk}": upload("chung-sinh.png", image_bytes()),
        },
    )
    refused = client.post(step_url(procedure, "dong-y"), {"luu": "1"})
    assert refused.status_code == 200 and "Đánh dấu vào ô đồng ý" in refused.content.decode()
    consent = client.post(step_url(procedure, "dong-y"), {"consent": "on", "luu": "1"})
    assert consent["Location"] == save_url(procedure, "dong-y")
    assert wizard(client, procedure)["consent"]["version"]

    _response, link = save(client, procedure, django_capture_on_commit_callbacks, "dong-y")
    other = Client()
    landed = other.get(link)
    assert landed["Location"] == step_url(procedure, "dong-y")
    page = other.get(landed["Location"]).content.decode()
    assert re.search(r'name="consent"[^>]*checked', page)


def test_documents_save_with_a_mandatory_one_missing_but_not_with_a_refused_file(
    client, ward, procedure
):
    first, second, _optional = docs(procedure)
    to_documents(client, procedure)
    refused = client.post(
        step_url(procedure, "giay-to"),
        {
            f"doc_{first.pk}": upload("to-khai.pdf", pdf_bytes()),
            f"doc_{second.pk}": upload("chung-sinh.exe", b"MZ\x90\x00 not a document"),
            "luu": "1",
        },
    )
    assert refused.status_code == 200  # the refused file's error is shown, no save page
    assert "Tải lên tệp" not in refused.content.decode()
    kept = wizard(client, procedure)["documents"]
    assert list(kept) == [str(first.pk)]  # the good file is staged all the same

    missing = client.post(step_url(procedure, "giay-to"), {"luu": "1"})
    assert (missing.status_code, missing["Location"]) == (302, save_url(procedure, "giay-to"))
    assert wizard(client, procedure)["documents_done"] is False
    # Without the save button the missing document is still an error.
    plain = client.post(step_url(procedure, "giay-to"), {})
    assert plain.status_code == 200 and "Tải lên tệp: Giấy chứng sinh." in plain.content.decode()


def test_the_check_page_offers_saving_and_lands_there(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    check = fill_until_check(client, procedure)
    assert f'href="{save_url(procedure, "kiem-tra")}"' in check.content.decode()
    _response, link = save(client, procedure, django_capture_on_commit_callbacks, "kiem-tra")
    other = Client()
    assert other.get(link)["Location"] == step_url(procedure, "kiem-tra")
    assert "Đồng ý và gửi hồ sơ" in other.get(step_url(procedure, "kiem-tra")).content.decode()


def test_a_step_ahead_of_the_form_is_not_where_the_link_lands(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    to_documents(client, procedure)  # documents not done yet
    _response, _link = save(client, procedure, django_capture_on_commit_callbacks, "kiem-tra")
    assert DossierDraft.objects.get().step == "giay-to"


# The save page and the messages ----------------------------------------------------------------


def test_save_page_prefills_the_address_and_states_the_expiry(client, ward, procedure, clock):
    to_documents(client, procedure)
    page = client.get(save_url(procedure, "giay-to"))
    html = page.content.decode()
    assert page.status_code == 200 and html.count("<h1") == 1
    assert "no-store" in page["Cache-Control"]
    assert 'value="an@example.com"' in html
    expires = timezone.localtime(timezone.now() + dt.timedelta(days=7))
    assert f"đến {expires:%H:%M} ngày {expires:%d/%m/%Y}" in html
    assert 'name="send_sms"' not in html and 'name="phone"' not in html  # SMS is off
    assert "đường dẫn đã gửi lần trước" not in html


def test_the_link_is_mailed_with_its_expiry_and_nothing_personal(
    client, ward, procedure, django_capture_on_commit_callbacks, clock, locmem_sms
):
    to_documents(client, procedure)
    client.post(step_url(procedure, "giay-to"), {"luu": "1"})
    response, link = save(client, procedure, django_capture_on_commit_callbacks, "giay-to")
    assert len(mail.outbox) == 1 and locmem_sms == []  # SMS is off: no text
    message = mail.outbox[0]
    assert message.to == ["an@example.com"]
    expires = timezone.localtime(timezone.now() + dt.timedelta(days=7))
    assert expires.utcoffset() == dt.timedelta(hours=7)  # Asia/Ho_Chi_Minh
    assert f"đến {expires:%H:%M} ngày {expires:%d/%m/%Y}" in message.body
    assert procedure.name in message.body and "http://127.0.0.1:8000" + link in message.body
    html = message.alternatives[0][0]
    assert link in html
    for personal in ("Nguyễn Văn An", "031090001234", "0912", "Bình", "an@example.com"):
        assert personal not in message.body and personal not in html, personal

    draft = DossierDraft.objects.get()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in draft.token_hash and len(draft.token_hash) == 64
    assert draft.expires_at == timezone.now() + dt.timedelta(days=7)
    assert wizard(client, procedure)["draft"] == draft.pk
    assert Notification.objects.for_object(draft).count() == 1

    done = client.get(response["Location"])
    assert "an@example.com" in done.content.decode()
    assert f"{expires:%H:%M} ngày {expires:%d/%m/%Y}" in done.content.decode()


def test_sms_too_when_enabled(
    client, ward, procedure, settings, django_capture_on_commit_callbacks, clock, locmem_sms
):
    settings.DOSSIER_SMS_NOTIFICATIONS = True
    to_documents(client, procedure)
    html = client.get(save_url(procedure, "giay-to")).content.decode()
    assert 'name="send_sms"' in html and 'value="0912 345 678"' in html
    _response, link = save(
        client,
        procedure,
        django_capture_on_commit_callbacks,
        "giay-to",
        send_sms="on",
        phone="0912 345 678",
    )
    assert [m["recipient"] for m in locmem_sms] == ["+84912345678"]
    assert link in locmem_sms[0]["text"]
    expires = timezone.localtime(timezone.now() + dt.timedelta(days=7))
    assert f"{expires:%H:%M} ngay {expires:%d/%m/%Y}" in locmem_sms[0]["text"]
    assert len(mail.outbox) == 1

    # Without the box ticked, no text.
    save(client, procedure, django_capture_on_commit_callbacks, "giay-to", phone="0912345678")
    assert len(locmem_sms) == 1 and len(mail.outbox) == 2


def test_sms_only_is_allowed_when_enabled_and_one_way_is_required(
    client, ward, procedure, settings, django_capture_on_commit_callbacks, locmem_sms
):
    to_documents(client, procedure)
    nothing = client.post(save_url(procedure, "giay-to"), {"email": ""})
    assert nothing.status_code == 200
    assert "Nhập thư điện tử để nhận đường dẫn." in nothing.content.decode()
    settings.DOSSIER_SMS_NOTIFICATIONS = True
    no_phone = client.post(save_url(procedure, "giay-to"), {"email": "", "send_sms": "on"})
    assert "Nhập số điện thoại di động để nhận tin nhắn." in no_phone.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        ok = client.post(
            save_url(procedure, "giay-to"), {"email": "", "send_sms": "on", "phone": "0912345678"}
        )
    assert ok.status_code == 302
    assert mail.outbox == [] and len(locmem_sms) == 1
    assert DossierDraft.objects.get().email == ""


def test_a_bad_address_is_refused_in_vietnamese_and_kept(client, ward, procedure):
    to_documents(client, procedure)
    response = client.post(save_url(procedure, "giay-to"), {"email": "an@@example"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Địa chỉ thư điện tử không hợp lệ" in html
    assert 'value="an@@example"' in html
    assert DossierDraft.objects.count() == 0 and mail.outbox == []


def test_saves_are_rate_limited_per_client_and_per_address(
    client, ward, procedure, settings, django_capture_on_commit_callbacks, clock
):
    settings.PORTAL_RATE_DRAFT = "4/600"
    settings.PORTAL_RATE_DRAFT_RECIPIENT = "2/86400"
    to_documents(client, procedure)
    for _ in range(2):
        save(client, procedure, django_capture_on_commit_callbacks, "giay-to")
    # The address has had its two messages today, whoever asks.
    limited = client.post(save_url(procedure, "giay-to"), {"email": "AN@example.com"})
    assert limited.status_code == 429 and limited["Retry-After"]
    assert len(mail.outbox) == 2
    # Another address is fine, until the client's own limit (four posts) is reached.
    save(client, procedure, django_capture_on_commit_callbacks, "giay-to", email="b@example.com")
    over = client.post(save_url(procedure, "giay-to"), {"email": "c@example.com"})
    assert over.status_code == 429
    assert len(mail.outbox) == 3
    # The page itself still opens.
    assert client.get(save_url(procedure, "giay-to")).status_code == 200


# The link --------------------------------------------------------------------------------------


def test_the_link_opens_the_form_elsewhere_with_answers_and_files(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    link = saved_with_a_missing_document(client, procedure, django_capture_on_commit_callbacks)
    first, second, optional = docs(procedure)
    other = Client()
    opened = other.get(link)
    assert (opened.status_code, opened["Location"]) == (302, step_url(procedure, "giay-to"))
    assert "no-store" in opened["Cache-Control"]
    state = wizard(other, procedure)
    assert state["submission_token"] == wizard(client, procedure)["submission_token"]
    assert state["answers"]["ten_tre"] == "Nguyễn Văn Bình"
    assert state["applicant"]["id_number"] == "031090001234"
    for key, content in ((first.pk, b"to khai"), (optional.pk, b"uy quyen")):
        with private_storage.open(state["documents"][str(key)]["temp_name"], "rb") as handle:
            assert content in handle.read()
    html = other.get(step_url(procedure, "giay-to")).content.decode()
    assert "Đã tải lên: to-khai.pdf" in html and "Đã tải lên: uy-quyen.pdf" in html
    # The earlier steps show what was typed.
    questions = other.get(step_url(procedure, "cau-hoi")).content.decode()
    assert 'value="Nguyễn Văn Bình"' in questions
    # No skipping ahead: the consent step waits for the missing document.
    assert other.get(step_url(procedure, "dong-y"))["Location"] == step_url(procedure, "giay-to")

    # Opening it (a mail scanner, another device) consumes nothing: it opens again.
    assert Client().get(link)["Location"] == step_url(procedure, "giay-to")
    assert DossierDraft.objects.get().used_at is None

    # The second device finishes and sends; the link is then closed.
    other.post(
        step_url(procedure, "giay-to"), {f"doc_{second.pk}": upload("cs.png", image_bytes())}
    )
    other.post(step_url(procedure, "dong-y"), {"consent": "on"})
    token = submission_token(other.get(step_url(procedure, "kiem-tra")))
    sent = other.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert sent["Location"] == reverse("procedures:submit_done", args=[procedure.slug, token])
    dossier = Dossier.objects.get()
    assert sorted(d.original_name for d in dossier.documents.all()) == [
        "cs.png",
        "to-khai.pdf",
        "uy-quyen.pdf",
    ]
    assert dossier.answers["ten_tre"]["value"] == "Nguyễn Văn Bình"
    assert DossierDraft.objects.get().used_at is not None

    closed = Client().get(link)
    assert closed.status_code == 410
    html = closed.content.decode()
    assert "Hồ sơ đã được gửi" in html and html.count("<h1") == 1
    assert reverse("procedures:tracking") in html

    # The first device, still holding the form, sends the same dossier, not a second one.
    client.post(
        step_url(procedure, "giay-to"), {f"doc_{second.pk}": upload("x.png", image_bytes())}
    )
    client.post(step_url(procedure, "dong-y"), {"consent": "on"})
    again = client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    assert again["Location"] == sent["Location"]
    assert Dossier.objects.count() == 1


def test_the_link_answers_sent_even_before_the_draft_is_marked(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    link = saved_with_a_missing_document(client, procedure, django_capture_on_commit_callbacks)
    DossierFactory(
        procedure=procedure, submission_token=DossierDraft.objects.get().submission_token
    )
    assert Client().get(link).status_code == 410


def test_an_expired_link_is_refused(
    client, ward, procedure, django_capture_on_commit_callbacks, clock
):
    link = saved_with_a_missing_document(client, procedure, django_capture_on_commit_callbacks)
    clock.advance(days=7, minutes=-1)
    assert Client().get(link).status_code == 302
    clock.advance(minutes=2)
    expired = Client().get(link)
    assert expired.status_code == 410
    html = expired.content.decode()
    assert "Đường dẫn đã hết hạn" in html and html.count("<h1") == 1
    assert reverse("procedures:submit_start", args=[procedure.slug]) in html


def test_unknown_and_malformed_links_are_not_found(client, ward):
    for token in ("a" * 43, "đ" * 10, "x" * 300):
        response = client.get(reverse("procedures:draft_resume", args=[token]))
        assert response.status_code == 404
        assert "Đường dẫn không đúng" in response.content.decode()


def test_a_closed_procedure_does_not_open(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    link = saved_with_a_missing_document(client, procedure, django_capture_on_commit_callbacks)
    procedure.online_open = False
    procedure.save()
    response = Client().get(link)
    assert response.status_code == 410
    assert "không còn nhận hồ sơ trực tuyến" in response.content.decode()


def test_saving_again_rekeys_the_same_draft(
    client, ward, procedure, django_capture_on_commit_callbacks, clock
):
    first_link = saved_with_a_missing_document(
        client, procedure, django_capture_on_commit_callbacks
    )
    page = client.get(save_url(procedure, "giay-to")).content.decode()
    assert "đường dẫn đã gửi lần trước sẽ không dùng được nữa" in page
    clock.advance(hours=3)  # within the session's age: the same browser saves again
    response, second_link = save(client, procedure, django_capture_on_commit_callbacks, "giay-to")
    assert second_link != first_link
    assert (
        "Đường dẫn gửi lần trước không dùng được nữa"
        in client.get(response["Location"]).content.decode()
    )
    draft = DossierDraft.objects.get()  # the same row, with a new token and a new expiry
    assert draft.expires_at == timezone.now() + dt.timedelta(days=7)
    assert Client().get(first_link).status_code == 404
    other = Client()
    assert other.get(second_link).status_code == 302
    # Saving from the second device re-keys the same draft again.
    _response, third_link = save(other, procedure, django_capture_on_commit_callbacks, "giay-to")
    assert DossierDraft.objects.count() == 1
    assert Client().get(second_link).status_code == 404
    assert Client().get(third_link).status_code == 302


# Files -----------------------------------------------------------------------------------------


def test_the_sweeper_keeps_an_open_drafts_files_and_sweeps_them_after(
    client, ward, procedure, settings, django_capture_on_commit_callbacks, clock
):
    settings.DOSSIER_ORPHAN_MAX_AGE_HOURS = 24
    link = saved_with_a_missing_document(client, procedure, django_capture_on_commit_callbacks)
    names = DossierDraft.objects.get().staged_names()
    stray = private_storage.save("tmp/stray.pdf", ContentFile(b"x"))
    for name in [*names, stray]:
        _age(name, 48)
    clock.advance(days=2)
    call_command("sweep_dossier_files", verbosity=0)
    assert all(private_storage.exists(n) for n in names), "an open draft's files stay"
    assert not private_storage.exists(stray)
    assert Client().get(link).status_code == 302

    clock.advance(days=5, minutes=1)  # expired
    for name in names:
        _age(name, 24 * 8)
    call_command("sweep_dossier_files", verbosity=0)
    assert not any(private_storage.exists(n) for n in names)
    assert DossierDraft.objects.count() == 1  # the row stays a day to say "expired"
    assert Client().get(link).status_code == 410

    clock.advance(days=1, minutes=1)
    call_command("sweep_dossier_files", verbosity=0)
    assert DossierDraft.objects.count() == 0
    notification = Notification.objects.get()
    assert (notification.recipient, notification.body_text, notification.body_html) == ("", "", "")
    assert Client().get(link).status_code == 404


def test_the_sweeper_leaves_young_files_of_a_sent_draft_to_their_age(
    client, ward, procedure, settings, django_capture_on_commit_callbacks
):
    settings.DOSSIER_ORPHAN_MAX_AGE_HOURS = 24
    saved_with_a_missing_document(client, procedure, django_capture_on_commit_callbacks)
    DossierDraft.objects.update(used_at=timezone.now())
    names = DossierDraft.objects.get().staged_names()
    for name in names:
        _age(name, 23)  # against the application's clock, which a test run may have moved
    call_command("sweep_dossier_files", verbosity=0)
    assert all(private_storage.exists(n) for n in names)  # younger than 24 h
    for name in names:
        _age(name, 25)
    call_command("sweep_dossier_files", verbosity=0)
    assert not any(private_storage.exists(n) for n in names)


def test_dropping_or_replacing_a_file_keeps_the_one_the_draft_needs(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    link = saved_with_a_missing_document(client, procedure, django_capture_on_commit_callbacks)
    first, _second, optional = docs(procedure)
    saved = wizard(client, procedure)["documents"]
    dropped = client.post(step_url(procedure, "giay-to"), {"xoa": str(optional.pk)})
    assert "Đã tải lên: uy-quyen.pdf" not in dropped.content.decode()
    client.post(step_url(procedure, "giay-to"), {f"doc_{first.pk}": upload("moi.pdf", pdf_bytes())})
    assert wizard(client, procedure)["documents"][str(first.pk)]["original_name"] == "moi.pdf"
    assert all(private_storage.exists(d["temp_name"]) for d in saved.values())

    other = Client()
    other.get(link)
    html = other.get(step_url(procedure, "giay-to")).content.decode()
    assert "Đã tải lên: uy-quyen.pdf" in html and "Đã tải lên: to-khai.pdf" in html
    # A file staged after the save is no draft's: dropping it deletes it as before.
    newer = wizard(client, procedure)["documents"][str(first.pk)]["temp_name"]
    client.post(
        step_url(procedure, "giay-to"), {f"doc_{first.pk}": upload("moi-nhat.pdf", pdf_bytes())}
    )
    assert not private_storage.exists(newer)


def test_without_a_draft_dropping_a_file_still_deletes_it(client, ward, procedure):
    _first, _second, optional = docs(procedure)
    to_documents(client, procedure)
    client.post(
        step_url(procedure, "giay-to"), {f"doc_{optional.pk}": upload("u.pdf", pdf_bytes())}
    )
    name = wizard(client, procedure)["documents"][str(optional.pk)]["temp_name"]
    client.post(step_url(procedure, "giay-to"), {"xoa": str(optional.pk)})
    assert not private_storage.exists(name)


def test_malformed_saves_never_fail_the_server(client, ward, procedure, settings):
    settings.DOSSIER_SMS_NOTIFICATIONS = True
    to_documents(client, procedure)
    url = save_url(procedure, "giay-to")
    for data in (
        {"email": "a" * 5000 + "@example.com"},
        {"email": ["a@example.com", "b@example.com"], "send_sms": ["on", "x"]},
        {"email": "", "send_sms": "on", "phone": "😀" * 40},
        {"email": "\u200ban@example.com", "phone": "0912345678"},
    ):
        response = client.post(url, data)
        assert response.status_code in (200, 302), data
    assert client.get(save_url(procedure, "\x00" + "x" * 3000)).status_code == 400  # input guard
    assert client.get(save_url(procedure, "đ😀" + "x" * 3000)).status_code == 200
