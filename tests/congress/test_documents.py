"""The documents register: filters with clear errors, detail, PDF-only download."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from congress.constants import DocumentType
from congress.models.documents import validate_pdf
from tests.congress.factories import DocumentFactory, IssuingBodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(ward):
    party = IssuingBodyFactory(name="Đảng ủy phường An Phong")
    return {
        "resolution": DocumentFactory(
            doc_type=DocumentType.RESOLUTION,
            number="01-NQ/ĐU",
            issuing_body=party,
            issued_on=date(2025, 8, 14),
            summary="Nghị quyết về chuyển đổi số",
        ),
        "plan": DocumentFactory(
            doc_type=DocumentType.PLAN, issued_on=date(2024, 3, 1), summary="Kế hoạch năm 2024"
        ),
        "hidden": DocumentFactory(hidden=True, summary="Văn bản nội bộ"),
    }


def _numbers(client, **params):
    response = client.get(reverse("congress:document_list"), params)
    assert response.status_code == 200
    return [d.number for d in response.context["documents"]]


def test_list_shows_public_documents_only(client, register):
    assert _numbers(client) == [register["resolution"].number, register["plan"].number]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"loai": "nghi-quyet"}, "resolution"),
        ({"co_quan": "dang-uy-phuong-an-phong"}, "resolution"),
        ({"nam": "2024"}, "plan"),
        ({"q": "CHUYEN DOI SO"}, "resolution"),
        ({"q": "01-nq/đu"}, "resolution"),
    ],
)
def test_filters(client, register, params, expected):
    assert _numbers(client, **params) == [register[expected].number]


def test_bad_filter_shows_a_vietnamese_message_and_keeps_input(client, register):
    html = client.get(reverse("congress:document_list"), {"nam": "hai nghìn"}).content.decode()
    assert "Năm ban hành phải là một số, ví dụ 2025." in html
    assert 'value="hai nghìn"' in html
    assert 'aria-invalid="true"' in html


def test_detail_and_download(client, register):
    document = DocumentFactory(with_file=True, is_illustrative=True)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Bản minh họa" in html and document.get_download_url() in html
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert f'filename="{document.slug}.pdf"' in response["Content-Disposition"]


def test_hidden_document_is_404(client, register):
    assert client.get(register["hidden"].get_absolute_url()).status_code == 404


def test_only_pdf_uploads_are_accepted():
    with pytest.raises(ValidationError) as info:
        validate_pdf(ContentFile(b"MZ\x90\x00 not a pdf", "virus.pdf"))
    assert info.value.code == "not_pdf"
    validate_pdf(ContentFile(b"%PDF-1.7\n...", "ok.pdf"))
