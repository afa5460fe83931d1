"""Tracking edges: what a resident sees when the session holds no dossier."""

import re
import secrets

import pytest
import segno
from django.urls import reverse

from procedures.models import DossierDocument
from procedures.models.dossiers import hash_tracking_token
from procedures.tracked import TRACKING_KEY
from tests.procedures.factories import (
    VALID_PHONE,
    DossierFactory,
    ProcedureFactory,
    RequiredDocumentFactory,
)

pytestmark = pytest.mark.django_db

ASK_FOR_CODE = "Xin nhập mã hồ sơ và số điện thoại để tra cứu."


def look_up(client, dossier):
    response = client.post(
        reverse("procedures:tracking"), {"code": dossier.code, "phone": VALID_PHONE}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("procedures:tracking_result", "get"),
        ("procedures:tracking_receipt", "get"),
        ("procedures:tracking_withdraw", "post"),
        ("procedures:tracking_rate", "post"),
        ("procedures:tracking_supplement", "post"),
    ],
)
def test_without_a_looked_up_dossier_the_form_asks_for_code_and_phone(client, ward, name, method):
    response = getattr(client, method)(reverse(name), follow=True)
    assert response.redirect_chain == [(reverse("procedures:tracking"), 302)]
    assert f'<div class="alert alert-info">{ASK_FOR_CODE}</div>' in response.content.decode()


def test_after_rating_the_resident_sees_the_rating_and_no_second_form(client, ward):
    dossier = DossierFactory(status_path=[2, 4, 9, 10])
    look_up(client, dossier)
    client.post(reverse("procedures:tracking_rate"), {"satisfied": "0", "reasons": ["late"]})
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert "Ông/bà đã đánh giá: <strong>Không hài lòng</strong>" in html
    assert "Đánh giá việc giải quyết hồ sơ" not in html


def test_withdrawal_is_offered_while_the_office_holds_the_dossier(client, ward):
    look_up(client, DossierFactory(status_path=[2]))
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert "<summary>Rút hồ sơ</summary>" in html


def test_a_finished_dossier_offers_the_rating_questions(client, ward):
    look_up(client, DossierFactory(status_path=[2, 4, 9, 10]))
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert 'name="satisfied"' in html and 'name="reasons"' in html and 'name="comment"' in html


def test_a_rating_without_an_answer_is_shown_back_with_the_error(client, ward):
    look_up(client, DossierFactory(status_path=[2, 4, 9, 10]))
    response = client.post(reverse("procedures:tracking_rate"), {"comment": "Nhanh"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chọn hài lòng hoặc không hài lòng." in html
    assert "Nhanh</textarea>" in html  # what the resident typed is kept


def _queries_for(client, name, django_assert_num_queries, expected):
    with django_assert_num_queries(expected) as ctx:
        response = client.get(reverse(name))
    assert response.status_code == 200
    return ctx


@pytest.mark.parametrize("supplements", [0, 3])
def test_the_result_page_costs_two_queries_however_long_the_history(
    client, ward, supplements, django_assert_num_queries
):
    """Session; the events, whatever their number, with the dossier and its rating and
    the supplement requests they made (a returned dossier has none open). The page shows
    no document and no address, so neither is read."""
    dossier = DossierFactory(status_path=[2, 4] + [5, 4] * supplements + [9, 10])
    look_up(client, dossier)
    client.get(reverse("procedures:tracking_result"))
    _queries_for(client, "procedures:tracking_result", django_assert_num_queries, 2)


@pytest.mark.parametrize("documents", [1, 4])
def test_the_receipt_costs_three_queries_however_many_documents(
    client, ward, documents, django_assert_num_queries
):
    """Session; dossier with its procedure; its documents (listed on the receipt)."""
    dossier = DossierFactory()
    for i in range(documents):
        DossierDocument.objects.create(
            dossier=dossier, document_name=f"Giấy tờ số {i}", on_paper=True
        )
    look_up(client, dossier)
    ctx = _queries_for(client, "procedures:tracking_receipt", django_assert_num_queries, 3)
    assert "procedures_dossierdocument" in ctx.captured_queries[-1]["sql"]
    html = client.get(reverse("procedures:tracking_receipt")).content.decode()
    assert all(f"Giấy tờ số {i}" in html for i in range(documents))


def test_the_receipt_of_a_secret_link_points_its_qr_code_at_that_link(client, ward):
    token = secrets.token_urlsafe(32)
    DossierFactory(tracking_token_hash=hash_tracking_token(token))
    client.get(reverse("procedures:tracking_token", args=[token]))
    html = client.get(reverse("procedures:tracking_receipt")).content.decode()
    assert "Mã QR này là đường dẫn riêng: xin không chia sẻ." in html
    link = reverse("procedures:tracking_token", args=[token])
    assert _drawn_qr(f"http://testserver{link}") in html


def test_the_receipt_of_a_code_and_phone_look_up_points_at_the_tracking_form(client, ward):
    look_up(client, DossierFactory())
    html = client.get(reverse("procedures:tracking_receipt")).content.decode()
    assert "Quét mã QR để mở trang tra cứu, rồi nhập mã hồ sơ và số điện thoại." in html
    assert _drawn_qr(f"http://testserver{reverse('procedures:tracking')}") in html


def _drawn_qr(target):
    """The receipt's QR code of `target` as the page draws it: error correction M (a
    printed, folded paper), 4 px a module, a 2-module quiet zone, black on white, with its
    size (the print style scales it)."""
    return segno.make(target, error="m").svg_inline(
        scale=4, border=2, dark="#000", light="#fff", omitsize=False
    )


def test_a_document_asked_for_again_is_not_marked_optional(client, ward):
    """The procedure lists the power of attorney as optional (“nếu có”), but once the office
    asks for it, the resident's upload field names it plainly: it is required now."""
    procedure = ProcedureFactory()
    RequiredDocumentFactory(procedure=procedure, name="Văn bản ủy quyền", is_mandatory=False)
    look_up(client, DossierFactory(procedure=procedure, status_path=[5]))
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    upload = html.split('id="supplement-title"')[1].split("</section>")[0]
    label = re.search(r"<label[^>]*>(.*?)</label>", upload, re.S).group(1)
    assert label.split() == ["Văn", "bản", "ủy", "quyền"]


def test_the_result_page_names_the_procedure_as_it_is_now_called(client, ward):
    """The procedure's name comes from the names each process keeps; a rename bumps the
    page version, so the next page shows the new name."""
    dossier = DossierFactory()
    look_up(client, dossier)
    assert dossier.procedure.name in client.get(reverse("procedures:tracking_result")).text
    dossier.procedure.name = "Đăng ký khai sinh (tên mới)"
    dossier.procedure.save()
    assert "Đăng ký khai sinh (tên mới)" in client.get(reverse("procedures:tracking_result")).text


def test_a_procedure_this_process_has_not_seen_yet_is_read_from_the_database(
    client, ward, monkeypatch
):
    """Another worker may have created the procedure a moment ago: its name is not among
    the names this process holds yet, and the page reads it instead of failing."""
    from procedures.resident import tracking

    dossier = DossierFactory()
    look_up(client, dossier)
    monkeypatch.setattr(tracking, "per_process", lambda name, load: {})
    response = client.get(reverse("procedures:tracking_result"))
    assert response.status_code == 200
    assert dossier.procedure.name in response.text


def test_a_dossier_without_a_timeline_still_has_its_page(client, ward):
    """The page reads the dossier with its timeline; one without any event (every
    submission writes one, but the page must not depend on it) is read on its own."""
    bare = DossierFactory()
    bare.pk = None
    bare.code, bare.submission_token = "H26.APH-250101-9999", None
    bare.tracking_token_hash = hash_tracking_token(secrets.token_urlsafe(32))
    bare.save()
    look_up(client, bare)
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert bare.code in html and '<ol class="timeline">\n  \n</ol>' in html


def test_a_dossier_gone_since_the_look_up_sends_back_to_the_form(client, ward):
    dossier = DossierFactory()
    look_up(client, dossier)
    session = client.session
    session[TRACKING_KEY] = {"dossier": dossier.pk + 1000, "token": ""}
    session.save()
    response = client.get(reverse("procedures:tracking_result"))
    assert (response.status_code, response["Location"]) == (302, reverse("procedures:tracking"))


def test_the_timeline_is_in_time_order_on_the_page_and_when_a_form_is_shown_back(client, ward):
    """Events by their time, not by the order their rows were written: a note recorded
    late about an earlier moment sits where it happened, on the page and when the rating
    form comes back with an error (the page's two ways of reading the timeline)."""
    import datetime

    from procedures.constants import DossierStatus
    from procedures.models import DossierEvent

    dossier = DossierFactory(status_path=[2, 4, 9, 10])
    first = dossier.events.order_by("created_at").first()
    DossierEvent.objects.create(
        dossier=dossier,
        to_status=DossierStatus.NEW,
        public_note="Ghi muộn về lúc nộp",
        created_at=first.created_at + datetime.timedelta(microseconds=1),
    )
    look_up(client, dossier)
    shown_back = client.post(reverse("procedures:tracking_rate"), {"comment": "Nhanh"})
    assert shown_back.status_code == 400
    for html in [client.get(reverse("procedures:tracking_result")).text, shown_back.text]:
        timeline = html.split('<ol class="timeline">')[1].split("</ol>")[0]
        assert timeline.index("Ghi muộn về lúc nộp") < timeline.index("Ghi chú kiểm thử")


@pytest.mark.parametrize("supplements", [0, 3])
def test_a_form_shown_back_costs_the_same_however_long_the_history(
    client, ward, supplements, django_assert_num_queries
):
    """The rating form sent without an answer comes back on the page: the session, the
    dossier, the timeline with the supplement requests its events made in one query
    whatever their number (no column or request read back one by one), and the procedure
    names this process keeps (read once; each test starts without them)."""
    dossier = DossierFactory(status_path=[2, 4] + [5, 4] * supplements + [9, 10])
    look_up(client, dossier)
    with django_assert_num_queries(4):
        response = client.post(reverse("procedures:tracking_rate"), {"comment": "Nhanh"})
    assert response.status_code == 400


def test_a_refused_supplement_shown_back_costs_the_same_however_many_requests_before(ward):
    """The supplement form sent with a file that is not what it claims comes back with
    the error; the requests of the timeline are read with it, not one by one."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.procedures.factories import RequiredDocumentFactory
    from tests.procedures.journey import upload

    counts = []
    for earlier in [0, 3]:
        dossier = DossierFactory(status_path=[2, 4] + [5, 4] * earlier + [5])
        document = RequiredDocumentFactory(procedure=dossier.procedure)
        request = dossier.supplement_requests.last()
        request.documents.set([document])
        client = Client()
        look_up(client, dossier)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                reverse("procedures:tracking_supplement"),
                {f"doc_{document.pk}": upload("a.pdf", b"<html>")},
            )
        assert response.status_code == 400
        counts.append(len(queries))
    # Session; dossier, open request and its documents for the form; the dossier read
    # again for the page; its timeline with the requests; the procedure names this
    # process keeps (read once). The form shown back is the bound one: no blank fragment.
    assert counts == [7, 7]
