"""What a dossier's code + phone, or its secret link, reveal (issue 14, item 8).

One rule, stated in the privacy notice (procedures.privacy): the applicant's name and phone
masked, the procedure, dates, status, public notes and the names of the document types
received; never the identity number, birth date, address, e-mail, answers, nor an uploaded
file's name. It holds on every page reachable that way: the tracking page, its
supplement, withdrawal and rating answers, and the receipt.
"""

import secrets

import pytest
from django.urls import reverse

from procedures.constants import DossierStatus
from procedures.models import DossierDocument
from procedures.models.dossiers import hash_tracking_token
from tests.procedures.factories import DossierFactory

pytestmark = pytest.mark.django_db

SECRETS = [
    "Nguyễn Văn An",  # full name
    "Nguyễn",
    "031090001234",  # identity number
    "17/05/1990",  # birth date, either way it could be written
    "1990-05-17",
    "Số 1, tổ dân phố 2",  # address
    "an.nguyen@example.com",
    "0912 345 678",  # phone, unmasked
    "0912345678",
    "Trần Thị Bình Minh",  # an answer
    "cccd-nguyen-van-an.pdf",  # uploaded files' original names
    "giay-chung-sinh-be-binh.png",
]
MASKED = ["N*** V*** An", "0912 *** 678"]


def _dossier(*, status_path=(), token=None):
    dossier = DossierFactory(
        email="an.nguyen@example.com",
        answers={"ten_me": {"label": "Họ tên mẹ", "value": "Trần Thị Bình Minh"}},
        status_path=list(status_path),
        **({"tracking_token_hash": hash_tracking_token(token)} if token else {}),
    )
    for name, original in [
        ("Căn cước của người nộp", "cccd-nguyen-van-an.pdf"),
        ("Giấy chứng sinh", "giay-chung-sinh-be-binh.png"),
    ]:
        DossierDocument.objects.create(
            dossier=dossier,
            document_name=name,
            file=f"dossiers/{secrets.token_hex(8)}.pdf",
            original_name=original,
            size=1000,
        )
    DossierDocument.objects.create(dossier=dossier, document_name="Tờ khai", on_paper=True)
    return dossier


def _assert_discreet(response, *, status=200):
    assert response.status_code == status
    html = response.content.decode()
    leaked = [s for s in SECRETS if s in html]
    assert leaked == [], f"{response.request['PATH_INFO']} shows {leaked}"
    missing = [m for m in MASKED if m not in html]
    assert missing == [], f"{response.request['PATH_INFO']} lacks {missing}"
    return html


def _open_by_code(client, dossier):
    response = client.post(
        reverse("procedures:tracking"), {"code": dossier.code, "phone": "0912 345 678"}
    )
    assert response["Location"] == reverse("procedures:tracking_result")


def _open_by_link(client, token):
    response = client.get(reverse("procedures:tracking_token", args=[token]))
    assert response["Location"] == reverse("procedures:tracking_result")


@pytest.mark.parametrize("route", ["code", "link"])
def test_tracking_page_and_receipt_reveal_only_what_the_notice_says(client, ward, route):
    token = secrets.token_urlsafe(32)
    dossier = _dossier(token=token)
    if route == "code":
        _open_by_code(client, dossier)
    else:
        _open_by_link(client, token)
    _assert_discreet(client.get(reverse("procedures:tracking_result")))
    receipt = client.get(reverse("procedures:tracking_receipt"))
    html = _assert_discreet(receipt)
    # The document types received are named, with how they came; never the files.
    for name in ["Căn cước của người nộp", "Giấy chứng sinh", "Tờ khai", "Bản giấy"]:
        assert name in html
    assert html.count("1 tệp điện tử") == 2
    # The public receipt is its own page, never the desk's complete printed form 01.
    assert not [t.name for t in receipt.templates if t.name.startswith("procedures/print/")]


def test_one_row_per_document_type_however_many_files():
    from procedures.privacy import received_documents

    docs = [
        DossierDocument(document_name="Ảnh", original_name="a.png", file="x"),
        DossierDocument(document_name="Tờ khai", on_paper=True),
        DossierDocument(document_name="Ảnh", original_name="b.png", file="y"),
    ]
    assert received_documents(docs) == [
        {"name": "Ảnh", "files": 2, "on_paper": False},
        {"name": "Tờ khai", "files": 0, "on_paper": True},
    ]


def test_withdrawal_answers_reveal_nothing_more(client, ward):
    dossier = _dossier()
    _open_by_code(client, dossier)
    # Refused (missing reason): the tracking page again, with the form's errors.
    _assert_discreet(client.post(reverse("procedures:tracking_withdraw"), {}), status=400)
    response = client.post(
        reverse("procedures:tracking_withdraw"), {"reason": "Nộp nhầm", "confirm": "on"}
    )
    assert response.status_code == 302
    _assert_discreet(client.get(response["Location"]))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWAL_REQUESTED


def test_supplement_answers_reveal_nothing_more(client, ward):
    dossier = _dossier(
        status_path=[
            DossierStatus.ACCEPTED,
            DossierStatus.PROCESSING,
            DossierStatus.SUPPLEMENT_REQUESTED,
        ]
    )
    _open_by_code(client, dossier)
    html = _assert_discreet(client.get(reverse("procedures:tracking_result")))
    assert "Cần bổ sung giấy tờ" in html
    _assert_discreet(client.post(reverse("procedures:tracking_supplement"), {}), status=400)
    _assert_discreet(client.get(reverse("procedures:tracking_receipt")))


def test_rating_answers_reveal_nothing_more(client, ward):
    dossier = _dossier(
        status_path=[DossierStatus.ACCEPTED, DossierStatus.PROCESSING, DossierStatus.DONE]
    )
    _open_by_code(client, dossier)
    _assert_discreet(client.post(reverse("procedures:tracking_rate"), {}), status=400)
    response = client.post(reverse("procedures:tracking_rate"), {"satisfied": "1"})
    assert response.status_code == 302
    html = _assert_discreet(client.get(response["Location"]))
    assert "Ông/bà đã đánh giá" in html
    _assert_discreet(client.get(reverse("procedures:tracking_receipt")))


def test_the_privacy_notice_states_the_rule(client, ward):
    from procedures import privacy

    html = client.get(reverse("procedures:privacy_notice")).content.decode()
    assert f"Phiên bản {privacy.VERSION}" in html
    shows = html.split("data-tracking-shows>", 1)[1].split("</ul>", 1)[0]
    for item in [
        "N*** V*** An",
        "0912 *** 678",
        "tên thủ tục",
        "trạng thái",
        "ghi chú",
        "tên các loại giấy tờ đã nhận",
    ]:
        assert item in shows
    never = html.split("data-tracking-never>", 1)[1].split("</p>", 1)[0]
    for item in [
        "số định danh cá nhân",
        "ngày sinh",
        "nơi cư trú",
        "câu trả lời",
        "tên hay nội dung các tệp đã tải lên",
    ]:
        assert item in never


def test_the_receipt_pdf_writes_only_what_the_notice_says(client, ward, monkeypatch):
    """The PDF of the receipt (issue 14, item 7) is drawn from the page's context: every
    line it writes obeys the same rule."""
    receipt_pdf = pytest.importorskip("procedures.receipt_pdf")
    written = []

    def spy(receipt):
        lines = real(receipt)
        written.append(repr(lines))
        return lines

    real = receipt_pdf.receipt_lines
    monkeypatch.setattr(receipt_pdf, "receipt_lines", spy)
    _open_by_code(client, _dossier())
    response = client.get(reverse("procedures:tracking_receipt_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(written) >= 1
    text = "\n".join(written)
    assert [s for s in SECRETS if s in text] == []
    assert all(m in text for m in MASKED)
    assert "Căn cước của người nộp" in text
