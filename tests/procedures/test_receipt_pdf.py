"""The receipt as a PDF download and as a one-sheet print (issue 14, item 7).

The PDF is drawn on the server (fpdf2, DejaVu Sans shipped in procedures/fonts/) from the
receipt page's own context: it shows what the page shows (masked name and phone, the
document types) and nothing more, on one A4 sheet.
"""

import datetime as dt
import re
import secrets
import types
import zlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import segno
from django.conf import settings
from django.urls import reverse

from procedures import receipt_pdf as receipt_pdf_module
from procedures.constants import DossierStatus
from procedures.models import DossierDocument
from procedures.resident import tracking
from tests.procedures.factories import DossierFactory

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PDF_URL = "procedures:tracking_receipt_pdf"


# A minimal reader of what fpdf2 writes: text shown with `(…) Tj` in glyph ids of two
# bytes, turned back into Unicode by the fonts' ToUnicode maps (`beginbfchar`).
def _streams(pdf):
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            yield zlib.decompress(match.group(1))
        except zlib.error:
            yield match.group(1)


def _unescape(literal):
    out, i = bytearray(), 0
    escapes = {b"n": 10, b"r": 13, b"t": 9, b"b": 8, b"f": 12}
    while i < len(literal):
        byte = literal[i : i + 1]
        if byte != b"\\":
            out += byte
            i += 1
            continue
        nxt = literal[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(), 8))
            i += 1 + len(octal.group())
        else:
            out.append(escapes.get(nxt, nxt[0]))
            i += 2
    return bytes(out)


def pdf_texts(pdf):
    """Every string the PDF shows, decoded with each of its fonts' maps (one of them is
    the string's own font; the others give noise that matches nothing)."""
    streams = list(_streams(pdf))
    cmaps = []
    for stream in streams:
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            cmaps.append(
                {
                    int(cid, 16): chr(int(uni, 16))
                    for cid, uni in re.findall(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", block)
                }
            )
    texts = []
    for stream in streams:
        for literal in re.findall(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", stream, re.S):
            raw = _unescape(literal)
            cids = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
            texts += ["".join(cmap.get(cid, "\ufffd") for cid in cids) for cmap in cmaps]
    return texts


def _open(client, dossier):
    response = client.post(
        reverse("procedures:tracking"), {"code": dossier.code, "phone": "0912 345 678"}
    )
    assert response["Location"] == reverse("procedures:tracking_result")


@pytest.fixture
def dossier(ward, clock):
    clock.now = dt.datetime(2026, 2, 12, 10, 0, tzinfo=VN)
    dossier = DossierFactory(status_path=[DossierStatus.ACCEPTED])
    DossierDocument.objects.create(
        dossier=dossier,
        document_name="Giấy chứng sinh",
        file=f"dossiers/{secrets.token_hex(8)}.pdf",
        original_name="giay-chung-sinh-be-binh.pdf",
        size=1000,
    )
    DossierDocument.objects.create(dossier=dossier, document_name="Tờ khai", on_paper=True)
    return dossier


def test_pdf_download_is_the_receipt_page_on_one_sheet(client, dossier, monkeypatch):
    _open(client, dossier)
    page = client.get(reverse("procedures:tracking_receipt"))
    passed = []

    def spy(context):
        passed.append(context)
        return receipt_pdf_module.receipt_pdf(context)

    monkeypatch.setattr(tracking, "receipt_pdf", spy)
    response = client.get(reverse(PDF_URL))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="giay-tiep-nhan-{dossier.code}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    # One page, set in the shipped DejaVu Sans (embedded subsets, regular and bold).
    assert re.findall(rb"/Count\s+(\d+)", pdf) == [b"1"]
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    assert b"+DejaVuSansBook" in pdf and b"+DejaVuSansBold" in pdf and b"/FontFile2" in pdf

    # Built from the very data the page shows: nothing more.
    (context,) = passed
    for key in ("masked_name", "masked_phone", "documents", "qr_target_is_secret"):
        assert context[key] == page.context[key]
    assert context["dossier"].pk == dossier.pk

    texts = pdf_texts(pdf)
    shown = "\n".join(texts)
    for expected in [
        dossier.code,
        "N*** V*** An",
        "0912 *** 678",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Giấy chứng sinh",
        "Tờ khai",
        "12/02/2026 10:00",
    ]:
        assert expected in shown, expected
    for secret in ["Nguyễn Văn An", "0912345678", "0912 345 678", "giay-chung-sinh-be-binh"]:
        assert secret not in shown, secret


def test_pdf_text_is_nfc_vietnamese(dossier):
    """Precomposed letters (ệ, ố, ự…) from the font, never a base letter plus marks."""
    context = {
        "dossier": dossier,
        "qr": segno.make("http://testserver/tra-cuu/", error="m"),
        "qr_target_is_secret": False,
        # Decomposed (NFD) on the way in, as some keyboards send it.
        "masked_name": "N*** V*** Ane\u0302\u0323",
        "masked_phone": "0912 *** 678",
        "documents": [],
    }
    lines = receipt_pdf_module.receipt_lines(context)
    assert lines["rows"][0][1] == "N*** V*** Anệ"
    texts = pdf_texts(receipt_pdf_module.receipt_pdf(context))
    assert any("N*** V*** Anệ" in text for text in texts)


def test_pdf_stays_on_one_sheet_with_many_documents(ward):
    documents = [
        {"name": f"Giấy tờ số {n}: bản sao có chứng thực", "files": n % 3, "on_paper": n % 2 == 0}
        for n in range(18)
    ]
    dossier = types.SimpleNamespace(
        code="H26.APH-260212-0001",
        channel="online",
        submitted_at=dt.datetime(2026, 2, 12, 3, 0, tzinfo=dt.UTC),
        due_date=dt.date(2026, 2, 20),
        procedure=types.SimpleNamespace(name="Đăng ký khai sinh"),
        get_status_display=lambda: "Đã tiếp nhận",
    )
    context = {
        "dossier": dossier,
        "qr": segno.make("http://testserver/tra-cuu/", error="m"),
        "qr_target_is_secret": False,
        "masked_name": "N*** V*** An",
        "masked_phone": "0912 *** 678",
        "documents": documents,
    }
    pdf = receipt_pdf_module.receipt_pdf(context)
    assert re.findall(rb"/Count\s+(\d+)", pdf) == [b"1"]
    assert "Giấy tờ số 17: bản sao có chứng thực" in "\n".join(pdf_texts(pdf))


def test_pdf_without_a_tracking_session_goes_to_the_look_up_like_the_page(client, ward):
    page = client.get(reverse("procedures:tracking_receipt"))
    response = client.get(reverse(PDF_URL))
    assert (response.status_code, response["Location"]) == (302, reverse("procedures:tracking"))
    assert (page.status_code, page["Location"]) == (302, response["Location"])


def test_receipt_page_offers_the_pdf_and_prints_alone_on_one_sheet(client, dossier):
    _open(client, dossier)
    html = client.get(reverse("procedures:tracking_receipt")).content.decode()
    assert f'href="{reverse(PDF_URL)}" download' in html
    assert "Ctrl+P" not in html
    assert "procedures.css" in html
    css = (Path(settings.BASE_DIR) / "static/css/procedures.css").read_text()
    rules = css[css.index("@media print") :]
    assert re.search(r"@page\s*\{\s*size:\s*A4", rules)
    for part in ("site-header", "site-nav", "site-breadcrumbs", "site-footer"):
        assert f"body:has(.receipt) .{part}" in rules
    assert re.search(r"\.receipt\s*\{[^}]*break-inside:\s*avoid", rules)


def test_font_and_its_licence_ship_with_the_project():
    fonts = Path(receipt_pdf_module.FONT_DIR)
    for name in receipt_pdf_module.FONT_FILES.values():
        assert (fonts / name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType
    assert "Bitstream Vera" in (fonts / "LICENSE").read_text()
