"""Cash at the desk (same receipts, audited), the receipt PDF and who may download it."""

import pytest
from django.urls import reverse

from payments import services
from payments.constants import PaymentMethod, PaymentStatus
from payments.models import Payment
from staff.models import AuditEntry
from tests.payments.conftest import PHONE, ipn
from tests.payments.helpers import notification
from tests.procedures.factories import DossierFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_dossier(ward, field_a):
    return DossierFactory(procedure=ProcedureFactory(field=field_a), fee_due=50000)


def test_cash_at_the_desk_gets_a_receipt_and_an_audit_entry(client, reception, desk_dossier):
    client.force_login(reception)
    url = reverse("admin:payments_payment_cash")
    assert client.get(url).status_code == 200
    response = client.post(url, {"code": desk_dossier.code, "amount": "50000"})
    payment = Payment.objects.get()
    assert response.status_code == 302
    assert (payment.method, payment.status, payment.amount) == ("cash", "paid", 50000)
    assert payment.cashier == reception and payment.receipt_no.startswith("BL-")
    entry = AuditEntry.objects.get(action="create")
    assert entry.actor == reception and entry.details["receipt_no"] == payment.receipt_no
    assert services.outstanding(desk_dossier) == 0


def test_cash_and_online_share_one_receipt_sequence(client, reception, desk_dossier, ward, clock):
    # A stopped clock: one sequence a year, and the suite's clock may cross New Year.
    services.record_cash_payment(dossier=desk_dossier, amount=20000, cashier=reception)
    online, _url = services.start_online_payment(dossier=desk_dossier)
    assert online.amount == 30000
    ipn(client, notification(online))
    online.refresh_from_db()
    cash = Payment.objects.get(method=PaymentMethod.CASH)
    assert int(online.receipt_no[-6:]) == int(cash.receipt_no[-6:]) + 1


def test_cash_closes_an_open_online_order(reception, desk_dossier):
    order, _url = services.start_online_payment(dossier=desk_dossier)
    services.record_cash_payment(dossier=desk_dossier, amount=50000, cashier=reception)
    order.refresh_from_db()
    assert order.status == PaymentStatus.EXPIRED


def test_cash_refuses_more_than_is_owed(client, reception, desk_dossier):
    client.force_login(reception)
    response = client.post(
        reverse("admin:payments_payment_cash"), {"code": desk_dossier.code, "amount": "60000"}
    )
    assert response.status_code == 200 and "lớn hơn số còn phải nộp" in response.content.decode()
    assert not Payment.objects.exists()


def test_cash_needs_the_permission_and_sight_of_the_dossier(client, officer, reception, ward):
    client.force_login(officer)
    assert client.get(reverse("admin:payments_payment_cash")).status_code == 403
    client.force_login(reception)
    elsewhere = DossierFactory(fee_due=1000)  # a procedure outside the officer's field
    response = client.post(
        reverse("admin:payments_payment_cash"), {"code": elsewhere.code, "amount": "1000"}
    )
    assert "Không tìm thấy hồ sơ" in response.content.decode()
    assert not Payment.objects.exists()


def test_receipt_pdf_needs_the_tracking_proof(client, dossier, order):
    ipn(client, notification(order))
    order.refresh_from_db()
    url = reverse("payments:receipt", args=[order.receipt_no])
    assert client.get(url).status_code == 302  # no dossier in the session
    other = DossierFactory(fee_due=10)
    client.post(reverse("procedures:tracking"), {"code": other.code, "phone": PHONE})
    assert client.get(url).status_code == 404  # another dossier's session
    client.post(reverse("procedures:tracking"), {"code": dossier.code, "phone": PHONE})
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert order.receipt_no in response["Content-Disposition"]


def test_staff_download_the_receipt_from_the_admin(client, reception, desk_dossier):
    payment = services.record_cash_payment(dossier=desk_dossier, amount=50000, cashier=reception)
    client.force_login(reception)
    response = client.get(reverse("admin:payments_payment_receipt", args=[payment.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="download").exists()


def test_the_receipt_text(reception, desk_dossier):
    from payments.receipt_pdf import receipt_lines

    payment = services.record_cash_payment(dossier=desk_dossier, amount=50000, cashier=reception)
    lines = receipt_lines(payment, authority="UBND phường An Phong", procedure_name="Khai sinh")
    rows = dict(lines["rows"])
    assert rows["Số biên lai"] == payment.receipt_no
    assert rows["Số tiền"] == "50.000 đồng"
    assert rows["Người nộp"] != desk_dossier.applicant_name  # masked as on the tracking page


def test_the_payment_admin_is_read_only(client, reception, desk_dossier):
    payment = services.record_cash_payment(dossier=desk_dossier, amount=50000, cashier=reception)
    client.force_login(reception)
    assert client.get(reverse("admin:payments_payment_changelist")).status_code == 200
    change = reverse("admin:payments_payment_change", args=[payment.pk])
    assert client.get(change).status_code == 200
    assert client.get(reverse("admin:payments_payment_add")).status_code == 403
    assert (
        client.post(reverse("admin:payments_payment_delete", args=[payment.pk])).status_code == 403
    )
