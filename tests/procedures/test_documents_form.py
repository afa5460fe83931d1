"""The one documents form: what a resident keeps, drops and is told next to each field."""

import pytest
from django.urls import reverse

from procedures.storage import TMP_PREFIX, private_storage
from tests.procedures.factories import pdf_bytes
from tests.procedures.journey import applicant_data, step_url, upload


def _documents_step(client, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    client.post(step_url(procedure, "cau-hoi"), {"ten_tre": "Bình", "ngay_sinh_tre": "01/02/2025"})


def _staged_names():
    try:
        return private_storage.listdir(TMP_PREFIX)[1]
    except FileNotFoundError:
        return []


@pytest.mark.django_db
def test_error_is_next_to_its_field_and_described_by_it(client, ward, procedure):
    _documents_step(client, procedure)
    first = procedure.documents.filter(is_mandatory=True).first()
    html = client.post(
        step_url(procedure, "giay-to"), {f"doc_{first.pk}": upload("x.pdf", b"MZ" * 10)}
    ).content.decode()
    assert f'id="id_doc_{first.pk}_error"' in html
    assert f'aria-describedby="id_doc_{first.pk}_helptext id_doc_{first.pk}_error"' in html
    assert html.count("data-error-summary") == 1


@pytest.mark.django_db
def test_removing_an_optional_file_deletes_the_staged_copy(client, ward, procedure):
    _documents_step(client, procedure)
    optional = procedure.documents.get(is_mandatory=False)
    html = client.post(
        step_url(procedure, "giay-to"), {f"doc_{optional.pk}": upload("uq.pdf", pdf_bytes())}
    ).content.decode()
    assert "Đã tải lên: uq.pdf" in html and 'name="xoa"' in html
    assert len(_staged_names()) == 1
    html = client.post(step_url(procedure, "giay-to"), {"xoa": str(optional.pk)}).content.decode()
    assert "Đã tải lên: uq.pdf" not in html
    assert _staged_names() == []
