"""An officer adjusts the fee a dossier owes: with a reason, audited, only while the
dossier is being handled, only by staff who process it; the resident sees it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from procedures.constants import DossierStatus as S
from procedures.desk.services import dossier_adjust_fee
from procedures.models import Dossier, DossierFee, FeeAdjustment
from procedures.models.dossiers import DossierQuerySet
from procedures.tracked import TRACKING_KEY
from staff.models import AuditAction, AuditEntry
from tests.procedures.factories import DossierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(procedure_a):
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
    Dossier.objects.filter(pk=dossier.pk).update(fee_due=8000)
    DossierFee.objects.create(
        dossier=dossier,
        total=8000,
        lines=[{"label": "Lệ phí", "detail": "", "amount": 8000, "waived": False, "waiver": ""}],
    )
    dossier.refresh_from_db()
    return dossier


def fee_url(dossier):
    return reverse("admin:procedures_dossier_fee", args=[dossier.pk])


def test_an_adjustment_is_recorded_audited_and_locks_the_row(dossier, officer, monkeypatch):
    locked = []
    original = DossierQuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DossierQuerySet, "select_for_update", spy)
    adjustment = dossier_adjust_fee(
        dossier=dossier, actor=officer, amount=0, reason="Người thuộc hộ nghèo, đã xuất trình giấy."
    )
    assert locked == [Dossier]
    assert (adjustment.old_amount, adjustment.new_amount, adjustment.actor) == (8000, 0, officer)
    assert Dossier.objects.get(pk=dossier.pk).fee_due == 0 and dossier.fee_due == 0
    entry = AuditEntry.objects.get(action=AuditAction.FEE_ADJUST)
    assert entry.actor == officer and entry.target_id == str(dossier.pk)
    assert entry.details["old_amount"] == 8000 and entry.details["new_amount"] == 0


@pytest.mark.parametrize(
    ("amount", "reason", "field"),
    [(5000, "   ", "reason"), (-1, "Lý do", "amount"), (8000, "Lý do", "amount")],
)
def test_an_adjustment_needs_a_reason_and_a_new_whole_amount(
    dossier, officer, amount, reason, field
):
    with pytest.raises(ValidationError) as exc:
        dossier_adjust_fee(dossier=dossier, actor=officer, amount=amount, reason=reason)
    assert field in exc.value.message_dict
    assert not FeeAdjustment.objects.exists()
    assert Dossier.objects.get(pk=dossier.pk).fee_due == 8000


def test_staff_who_do_not_process_the_dossier_may_not_adjust(dossier, reception, other_officer):
    for user in (reception, other_officer):
        with pytest.raises(ValidationError) as exc:
            dossier_adjust_fee(dossier=dossier, actor=user, amount=0, reason="Lý do")
        assert exc.value.code == "permission"
    assert not FeeAdjustment.objects.exists()


@pytest.mark.parametrize(
    "path",
    [[S.REFUSED], [S.ACCEPTED, S.PROCESSING, S.DONE], [S.ACCEPTED, S.PROCESSING, S.STOPPED]],
)
def test_a_finished_dossier_keeps_its_fee(procedure_a, officer, path):
    dossier = DossierFactory(procedure=procedure_a, status_path=path)
    with pytest.raises(ValidationError) as exc:
        dossier_adjust_fee(dossier=dossier, actor=officer, amount=1000, reason="Lý do")
    assert exc.value.code == "status"


def test_the_form_refuses_in_vietnamese_and_keeps_what_was_typed(client, dossier, officer):
    client.force_login(officer)
    response = client.post(fee_url(dossier), {"amount": "12,5", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập số nguyên, không có phần thập phân" in html
    assert "Ghi rõ lý do điều chỉnh số tiền phải nộp." in html
    assert 'value="12,5"' in html
    response = client.post(fee_url(dossier), {"amount": "-5", "reason": "Giữ lại lý do này"})
    html = response.content.decode()
    assert "Nhập số từ 0 trở lên." in html and "Giữ lại lý do này" in html
    assert not FeeAdjustment.objects.exists()


def test_the_form_adjusts_and_the_page_and_tracking_show_it(client, dossier, officer):
    client.force_login(officer)
    page = client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk]))
    assert fee_url(dossier) in page.content.decode()
    response = client.post(fee_url(dossier), {"amount": "3.000", "reason": "Chỉ cấp một bản."})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).fee_due == 3000
    page = client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk]))
    assert "Chỉ cấp một bản." in page.content.decode()  # the history inline
    client.logout()
    session = client.session
    session[TRACKING_KEY] = {"dossier": dossier.pk, "token": ""}
    session.save()
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert "3.000 đồng" in html and "Chỉ cấp một bản." in html


def test_the_form_is_forbidden_without_the_right_and_closed_for_finished_dossiers(
    client, dossier, reception, procedure_a, officer
):
    client.force_login(reception)
    assert client.get(fee_url(dossier)).status_code == 403
    page = client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk]))
    assert fee_url(dossier) not in page.content.decode()
    done = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING, S.DONE])
    client.force_login(officer)
    response = client.post(fee_url(done), {"amount": "0", "reason": "Lý do"})
    assert response.status_code == 302 and not FeeAdjustment.objects.exists()
