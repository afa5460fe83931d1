"""Tracking: POST code + phone or secret link; same answer when unknown; masked; no-store."""

import datetime as dt
import re
import secrets
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from procedures.constants import DossierStatus
from procedures.models import Dossier, DossierRating
from procedures.models.dossiers import hash_tracking_token
from tests.procedures.factories import (
    DossierFactory,
    awaiting_supplement,
    image_bytes,
    pdf_bytes,
)
from tests.procedures.journey import upload

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def look_up(client, code, phone):
    return client.post(reverse("procedures:tracking"), {"code": code, "phone": phone})


def assert_redirects_to_result(response):
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("procedures:tracking_result"),
    )


def test_lookup_by_code_and_phone_in_any_form(client, ward):
    dossier = DossierFactory()
    response = look_up(client, dossier.code.lower(), "0912.345.678")
    assert response.status_code == 302 and response["Location"] == reverse(
        "procedures:tracking_result"
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert dossier.code in html and "Mới đăng ký" in html
    assert "N*** V*** An" in html and "0912 *** 678" in html
    assert "Nguyễn Văn An" not in html and "031090001234" not in html and "912345678" not in html
    assert "no-store" in page["Cache-Control"]


def test_unknown_code_and_wrong_phone_get_the_same_answer(client, ward):
    """Byte for byte, once the per-response CSRF token and the code typed are set aside:
    any difference (an error text, an autofocus, a class) tells which codes exist."""
    dossier = DossierFactory()
    unknown_code = "H26.APH-250101-9999"
    wrong_phone = look_up(client, dossier.code, "0987 654 321")
    unknown = look_up(client, unknown_code, "0987 654 321")
    assert wrong_phone.status_code == unknown.status_code == 200

    def normalise(response, typed_code):
        html = response.content.decode()
        html, tokens = re.subn(r'(name="csrfmiddlewaretoken" value=")[^"]+(")', r"\1CSRF\2", html)
        assert tokens == 1
        typed = f'name="code" value="{typed_code}"'
        assert html.count(typed) == 1
        return html.replace(typed, 'name="code" value="CODE"')

    assert normalise(wrong_phone, dossier.code) == normalise(unknown, unknown_code)
    assert "Không tìm thấy hồ sơ" in wrong_phone.content.decode()
    assert "no-store" in wrong_phone["Cache-Control"]


def test_lookup_is_post_only_query_strings_reveal_nothing(client, ward):
    dossier = DossierFactory()
    response = client.get(
        reverse("procedures:tracking"), {"code": dossier.code, "phone": "0912345678"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "N*** V*** An" not in html and "status-badge" not in html  # no look-up happened
    assert "procedures:tracking" not in client.session  # nothing kept for a GET


def test_result_without_lookup_redirects_to_the_form(client, ward):
    response = client.get(reverse("procedures:tracking_result"))
    assert (response.status_code, response["Location"]) == (302, reverse("procedures:tracking"))


def test_secret_link_opens_the_dossier_and_leaves_the_address_bar(client, ward):
    token = secrets.token_urlsafe(32)
    dossier = DossierFactory(tracking_token_hash=hash_tracking_token(token))
    response = client.get(reverse("procedures:tracking_token", args=[token]))
    assert_redirects_to_result(response)
    page = client.get(response["Location"])
    assert page.status_code == 200 and dossier.code in page.content.decode()


def test_wrong_secret_link_is_404(client, ward):
    DossierFactory()
    response = client.get(reverse("procedures:tracking_token", args=["x" * 43]))
    assert (
        response.status_code == 404 and "Đường dẫn tra cứu không đúng" in response.content.decode()
    )


@pytest.mark.parametrize(
    "token",
    ["%C4%91", "%F0%9F%98%80", "abc%E2%80%8Bdef", "abc%20def", "a%2Bb%3D", "%FF%FE"],
    ids=["vietnamese-letter", "emoji", "zero-width-space", "space", "plus-equals", "bad-utf8"],
)
def test_a_secret_link_outside_the_token_alphabet_is_the_tracking_404(client, ward, token):
    DossierFactory()
    response = client.get(f"/tra-cuu/h/{token}/")
    assert (
        response.status_code == 404 and "Đường dẫn tra cứu không đúng" in response.content.decode()
    )


def test_tracking_token_is_stored_only_as_a_hash(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.procedures.journey import submit

    with django_capture_on_commit_callbacks(execute=True):
        response, submission_token = submit(client, procedure)
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("procedures:submit_done", args=[procedure.slug, submission_token]),
    )
    dossier = Dossier.objects.get()
    raw = client.session["procedures:tracking"]["token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", raw)  # token_urlsafe(32): 256 bits
    assert (
        dossier.tracking_token_hash == hash_tracking_token(raw)
        and raw not in dossier.tracking_token_hash
    )
    # The receipt sends that very token, as the secret link.
    link = "http://testserver" + reverse("procedures:tracking_token", args=[raw])
    assert len(mail.outbox) == 1 and f"\n{link}\n" in mail.outbox[0].body


def test_timeline_shows_public_notes_not_internal_ones(client, ward, clock):
    clock.now = dt.datetime(2026, 2, 12, 10, 0, tzinfo=VN)
    dossier = DossierFactory(status_path=[DossierStatus.ACCEPTED])
    assert list(
        dossier.events.order_by("created_at", "pk").values_list("to_status", "public_note")
    ) == [
        (DossierStatus.NEW, ""),
        (DossierStatus.ACCEPTED, "Ghi chú kiểm thử"),
    ]
    clock.advance(hours=2, minutes=15)
    from django.contrib.auth import get_user_model

    from procedures.workflow import dossier_transition

    dossier_transition(
        dossier=dossier,
        to_status=DossierStatus.PROCESSING,
        actor=get_user_model().objects.get(),
        public_note="Đang thẩm định",
        internal_note="BÍ MẬT nội bộ",
    )
    assert_redirects_to_result(look_up(client, dossier.code, "0912345678"))
    page = client.get(reverse("procedures:tracking_result"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "BÍ MẬT" not in html
    assert html.count('<ol class="timeline">') == 1
    timeline = html.split('<ol class="timeline">')[1].split("</ol>")[0]
    assert re.findall(r"<li>(.*?)</li>", timeline) == [
        "<strong>Mới đăng ký</strong> – 12/02/2026 10:00",
        "<strong>Được tiếp nhận</strong> – 12/02/2026 10:00<br>Ghi chú kiểm thử",
        "<strong>Đang xử lý</strong> – 12/02/2026 12:15<br>Đang thẩm định",
    ]


def test_receipt_has_qr_svg_and_print_styles(client, ward, procedure):
    from tests.procedures.journey import submit

    submitted, _token = submit(client, procedure)
    assert submitted.status_code == 302
    response = client.get(reverse("procedures:tracking_receipt"))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "<svg" in html
        and 'class="segno"' in html
        and "style=" not in html.split("<svg")[1].split("</svg>")[0]
    )
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in html
    assert Dossier.objects.get().code in html
    assert 'media="print"' in html


def test_tracking_query_budget(client, ward, django_assert_num_queries):
    """The session, then the timeline with its dossier and the dossier's rating in one
    query; nothing deferred is read back one by one."""
    dossier = DossierFactory(status_path=[DossierStatus.ACCEPTED, DossierStatus.PROCESSING])
    assert_redirects_to_result(look_up(client, dossier.code, "0912345678"))
    assert client.get(reverse("procedures:tracking_result")).status_code == 200
    with django_assert_num_queries(2) as ctx:
        response = client.get(reverse("procedures:tracking_result"))
    assert response.status_code == 200 and dossier.code in response.content.decode()
    # The procedure's long texts (its start page's) stay in the database.
    assert not [q for q in ctx.captured_queries if '"legal_basis"' in q["sql"]]


def test_a_dossier_waiting_for_a_supplement_reads_its_request_with_the_timeline(
    client, ward, django_assert_num_queries
):
    """The session, the timeline with its dossier and the requests its events made, the
    documents asked for: three queries, the note and the upload form on the page."""
    dossier, [missing] = awaiting_supplement("Giấy chứng sinh", note="Ảnh chụp bị mờ.")
    _open(client, dossier)
    client.get(reverse("procedures:tracking_result"))
    with django_assert_num_queries(3):
        html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert "Ảnh chụp bị mờ." in html and f'name="doc_{missing.pk}"' in html


def test_the_drawn_upload_form_is_shared_only_by_requests_for_the_same_documents(ward):
    """The blank supplement form is a cached fragment keyed by the documents asked for:
    another dossier asking for the same documents reuses it, one asking for others
    gets its own fields, and a renamed document shows at once."""
    from django.test import Client

    pages = {}
    for name in ["Giấy chứng sinh", "Tờ khai"]:
        dossier, [document] = awaiting_supplement(name)
        client = Client()
        _open(client, dossier)
        pages[name] = (client, document)
    for name, (client, document) in pages.items():
        html = client.get(reverse("procedures:tracking_result")).content.decode()
        section = html.split('id="supplement-title"')[1].split("</section>")[0]
        assert f'name="doc_{document.pk}"' in section and name in section
        other = next(d for n, (c, d) in pages.items() if n != name)
        assert f'name="doc_{other.pk}"' not in section
    client, document = pages["Tờ khai"]
    document.name = "Tờ khai đăng ký khai sinh"
    document.save()
    assert "Tờ khai đăng ký khai sinh" in client.get(reverse("procedures:tracking_result")).text


def test_the_open_request_is_the_newest_unfulfilled_one(client, ward, clock):
    """Asked, resumed at the desk without the upload (the paper was brought in), asked
    again: both requests are unfulfilled and the page shows the second."""
    from django.contrib.auth import get_user_model

    from procedures.workflow import dossier_transition

    dossier, [first] = awaiting_supplement("Giấy chứng sinh", note="Lần thứ nhất.")
    staff = get_user_model().objects.get(username="tn")
    for status, inputs in [
        (DossierStatus.PROCESSING, {}),
        (DossierStatus.SUPPLEMENT_REQUESTED, {"public_note": "Lần thứ hai.", "documents": [first]}),
    ]:
        clock.advance(minutes=5)
        dossier_transition(
            dossier=Dossier.objects.get(pk=dossier.pk), to_status=status, actor=staff, **inputs
        )
    assert dossier.supplement_requests.filter(fulfilled_at=None).count() == 2
    _open(client, dossier)
    section = client.get(reverse("procedures:tracking_result")).content.decode()
    section = section.split('id="supplement-title"')[1].split("</section>")[0]
    assert "Lần thứ hai." in section and "Lần thứ nhất." not in section


def test_a_request_made_without_its_event_is_still_shown(client, ward):
    """Every request the workflow makes has its event; one made otherwise is found too."""
    from procedures.models import SupplementRequest

    dossier, [missing] = awaiting_supplement("Giấy chứng sinh", note="Theo sự kiện.")
    dossier.supplement_requests.update(fulfilled_at=dossier.submitted_at)
    loose = SupplementRequest.objects.create(dossier=dossier, note="Không theo sự kiện.")
    loose.documents.set([missing])
    _open(client, dossier)
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert "Không theo sự kiện." in html and f'name="doc_{missing.pk}"' in html


def test_lookup_query_budget(client, ward, django_assert_max_num_queries):
    """A first look-up: the dossier, then one new session row (no INSERT-then-UPDATE)."""
    dossier = DossierFactory()
    with django_assert_max_num_queries(5) as ctx:
        response = look_up(client, dossier.code, "0912345678")
    assert_redirects_to_result(response)
    sql = [q["sql"] for q in ctx.captured_queries]
    assert sum(s.startswith("INSERT") for s in sql) == 1
    assert not any(s.startswith("UPDATE") for s in sql)


def test_lookup_gives_an_existing_session_a_new_key(client, ward):
    """No session fixation: a key held before the look-up is not the one that opens it."""
    dossier = DossierFactory()
    session = client.session
    session["planted"] = True
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    assert_redirects_to_result(look_up(client, dossier.code, "0912345678"))
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.get(reverse("procedures:tracking_result")).status_code == 200


# Supplements, withdrawal, rating -------------------------------------------------------


def _open(client, dossier):
    assert_redirects_to_result(look_up(client, dossier.code, "0912345678"))


def test_supplement_upload_of_exactly_the_requested_documents(
    client, ward, clock, django_capture_on_commit_callbacks
):
    dossier, [missing] = awaiting_supplement(
        "Giấy chứng sinh", note="Thiếu giấy chứng sinh bản rõ nét.", others=["Tờ khai"]
    )
    _open(client, dossier)
    page = client.get(reverse("procedures:tracking_result"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Thiếu giấy chứng sinh bản rõ nét." in html and f'name="doc_{missing.pk}"' in html
    assert "Tờ khai" not in html.split("supplement-title")[1].split("</section>")[0]

    # An extra, unrequested file is refused.
    other = dossier.procedure.documents.exclude(pk=missing.pk).get()
    response = client.post(
        reverse("procedures:tracking_supplement"),
        {
            f"doc_{missing.pk}": upload("cs.pdf", pdf_bytes()),
            f"doc_{other.pk}": upload("tk.pdf", pdf_bytes()),
        },
    )
    assert (
        response.status_code == 400 and "đúng các giấy tờ được yêu cầu" in response.content.decode()
    )
    # A spoofed file is refused.
    response = client.post(
        reverse("procedures:tracking_supplement"),
        {f"doc_{missing.pk}": upload("cs.pdf", b"<html>")},
    )
    assert response.status_code == 400
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED

    clock.advance(minutes=5)  # fulfilled when the files arrive, not when requested
    response = client.post(
        reverse("procedures:tracking_supplement"),
        {f"doc_{missing.pk}": upload("cs.png", image_bytes())},
    )
    assert_redirects_to_result(response)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    request = dossier.supplement_requests.get()
    assert request.fulfilled_at == clock.now and request.uploads.count() == 1
    assert dossier.events.last().actor is None  # the resident


def test_a_supplement_over_the_dossier_total_is_refused_on_the_page(client, ward, settings):
    """Each file within its own limit, together over DOSSIER_MAX_TOTAL_SIZE (the same
    ceiling as a submission's): refused with the page's message, nothing stored, the
    dossier still waiting for the supplement."""
    dossier, [first, second] = awaiting_supplement(
        "Giấy chứng sinh", "Tờ khai", note="Thiếu hai giấy tờ."
    )
    _open(client, dossier)
    body = pdf_bytes()
    settings.DOSSIER_MAX_TOTAL_SIZE = 2 * len(body) - 1
    response = client.post(
        reverse("procedures:tracking_supplement"),
        {f"doc_{first.pk}": upload("a.pdf", body), f"doc_{second.pk}": upload("b.pdf", body)},
    )
    assert response.status_code == 400
    assert "Tổng dung lượng các tệp vượt quá mức cho phép." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUPPLEMENT_REQUESTED
    assert dossier.documents.count() == 0
    assert dossier.supplement_requests.get().fulfilled_at is None


def test_supplement_without_request_is_refused(client, ward):
    dossier = DossierFactory()
    _open(client, dossier)
    response = client.post(reverse("procedures:tracking_supplement"), {})
    assert_redirects_to_result(response)
    assert dossier.documents.count() == 0


def test_withdrawal_request(client, ward):
    dossier = DossierFactory(status_path=[DossierStatus.ACCEPTED])
    _open(client, dossier)
    response = client.post(reverse("procedures:tracking_withdraw"), {"reason": "", "confirm": ""})
    assert response.status_code == 400 and "Cho biết lý do" in response.content.decode()
    response = client.post(
        reverse("procedures:tracking_withdraw"), {"reason": "Đã nộp nhầm thủ tục", "confirm": "on"}
    )
    assert_redirects_to_result(response)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWAL_REQUESTED
    assert "Đã nộp nhầm thủ tục" in dossier.events.last().public_note


def test_withdrawal_is_not_offered_after_the_result(client, ward):
    dossier = DossierFactory(status_path=[2, 4, 9, 10])
    _open(client, dossier)
    page = client.get(reverse("procedures:tracking_result"))
    assert page.status_code == 200 and "Rút hồ sơ" not in page.content.decode()
    refused = client.post(reverse("procedures:tracking_withdraw"), {"reason": "x", "confirm": "on"})
    assert_redirects_to_result(refused)  # with a message, the dossier unchanged
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED


def test_rating_only_after_result_and_only_once(client, ward):
    dossier = DossierFactory(status_path=[2, 4])
    _open(client, dossier)
    page = client.get(reverse("procedures:tracking_result"))
    assert page.status_code == 200 and "Đánh giá việc giải quyết" not in page.content.decode()
    assert_redirects_to_result(client.post(reverse("procedures:tracking_rate"), {"satisfied": "1"}))
    assert not DossierRating.objects.exists()

    finished = DossierFactory(status_path=[2, 4, 9, 10])
    _open(client, finished)
    page = client.get(reverse("procedures:tracking_result"))
    assert page.status_code == 200 and "Đánh giá việc giải quyết" in page.content.decode()
    response = client.post(
        reverse("procedures:tracking_rate"),
        {"satisfied": "0", "reasons": ["late", "unclear"], "comment": "Chậm"},
    )
    assert_redirects_to_result(response)
    rating = DossierRating.objects.get()
    assert rating.satisfied is False and rating.reasons == ["late", "unclear"]
    assert_redirects_to_result(client.post(reverse("procedures:tracking_rate"), {"satisfied": "1"}))
    assert DossierRating.objects.count() == 1
