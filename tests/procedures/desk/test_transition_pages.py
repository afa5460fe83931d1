"""The desk's pages read each move's row: its label, its note, its form and its clock."""

import pytest
from django.urls import reverse

from procedures.constants import DossierStatus as S
from procedures.transitions import TRANSITIONS
from tests.procedures.factories import DossierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(procedure_a):
    return DossierFactory(procedure=procedure_a)


def transition_page(client, dossier, to):
    url = reverse("admin:procedures_dossier_transition", args=[dossier.pk, int(to)])
    return client.get(url).text


def test_the_dossier_page_offers_each_move_by_its_label(client, dossier, reception):
    client.force_login(reception)
    page = client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk])).text
    for to in (S.ACCEPTED, S.REFUSED, S.SUPPLEMENT_REQUESTED, S.WITHDRAWAL_REQUESTED):
        assert str(TRANSITIONS[(S.NEW, to)].label) in page
    assert "06 – Phiếu kiểm soát quá trình giải quyết hồ sơ" in page
    assert "01 – " not in page  # no receipt before acceptance


def test_acceptance_previews_the_appointment_and_the_receipt(client, dossier, reception):
    client.force_login(reception)
    page = transition_page(client, dossier, S.ACCEPTED)
    assert "<h1>Tiếp nhận hồ sơ – " in page
    assert "Giấy tiếp nhận (mẫu 01) được in sau khi xác nhận." in page


def test_refusal_names_its_form_and_its_reason(client, dossier, reception):
    client.force_login(reception)
    page = transition_page(client, dossier, S.REFUSED)
    assert "Phiếu từ chối (mẫu 03) ghi lý do này" in page
    assert "Lý do không tiếp nhận (ghi trên phiếu từ chối, mẫu 03)" in page
    assert "dossier-preview" not in page


def test_supplement_explains_the_pause(client, dossier, reception):
    client.force_login(reception)
    page = transition_page(client, dossier, S.SUPPLEMENT_REQUESTED)
    assert "không tính vào thời hạn giải quyết" in page
    assert "Hướng dẫn bổ sung, đầy đủ trong một lần (mẫu 02)" in page
    assert "mẫu 03" not in page


def test_the_desk_asks_the_reason_of_a_withdrawal(client, dossier, reception):
    client.force_login(reception)
    url = reverse(
        "admin:procedures_dossier_transition", args=[dossier.pk, int(S.WITHDRAWAL_REQUESTED)]
    )
    response = client.post(url, {"public_note": " "})
    assert "Cần ghi rõ nội dung này" in response.text
    dossier.refresh_from_db()
    assert dossier.status == S.NEW
