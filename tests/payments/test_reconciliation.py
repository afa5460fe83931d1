"""The accountant's daily reconciliation: the day's confirmed payments, nothing else."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from payments import services
from tests.payments.conftest import ipn
from tests.payments.helpers import notification
from tests.procedures.factories import DossierFactory

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def paid_online(client, amount, pay_date):
    payment, _url = services.start_online_payment(dossier=DossierFactory(fee_due=amount))
    ipn(client, notification(payment, vnp_PayDate=pay_date))
    payment.refresh_from_db()
    return payment


@pytest.fixture
def day_of_payments(client, ward, reception, clock):
    clock.now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    # 1 March, local time: early in the morning (still 28 Feb in UTC) and late at night.
    early = paid_online(client, 10000, "20260301003000")
    late = paid_online(client, 20000, "20260301235900")
    # Other days, a failure and an order never paid: not in the export.
    paid_online(client, 40000, "20260302000100")
    paid_online(client, 80000, "20260228235959")
    failed, _url = services.start_online_payment(dossier=DossierFactory(fee_due=5000))
    ipn(client, notification(failed, code="24", vnp_PayDate="20260301120000"))
    services.start_online_payment(dossier=DossierFactory(fee_due=7000))
    clock.now = dt.datetime(2026, 3, 1, 10, 0, tzinfo=VN)
    cash = services.record_cash_payment(
        dossier=DossierFactory(fee_due=30000), amount=30000, cashier=reception
    )
    return [early, cash, late]


def rows_of(text):
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def expected(payments):
    return [
        [p.txn_ref, p.gateway_txn_no, str(p.amount), p.receipt_no, p.get_method_display()]
        for p in payments
    ]


def test_the_day_export_matches_the_days_payments(client, leader, day_of_payments):
    client.force_login(leader)
    response = client.get(reverse("admin:payments_payment_export"), {"date": "2026-03-01"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('doi-soat-thanh-toan-2026-03-01.csv"')
    header, *rows = rows_of(b"".join(response.streaming_content).decode())
    assert header[:5] == [
        "Mã giao dịch (TxnRef)",
        "Mã giao dịch tại cổng",
        "Số tiền (đồng)",
        "Thời điểm thanh toán",
        "Số biên lai",
    ]
    assert [[r[0], r[1], r[2], r[4], r[5]] for r in rows] == expected(day_of_payments)
    assert [r[3] for r in rows] == ["01/03/2026 00:30", "01/03/2026 10:00", "01/03/2026 23:59"]
    assert sum(int(r[2]) for r in rows) == 60000


def test_the_command_writes_the_same_rows(day_of_payments, tmp_path):
    out = tmp_path / "day.csv"
    call_command("export_payments", "--date", "2026-03-01", "--output", str(out))
    header, *rows = rows_of(out.read_text(encoding="utf-8"))
    assert [[r[0], r[1], r[2], r[4], r[5]] for r in rows] == expected(day_of_payments)


def test_the_export_needs_its_permission(client, officer, db):
    client.force_login(officer)
    url = reverse("admin:payments_payment_export")
    assert client.get(url, {"date": "2026-03-01"}).status_code == 403
    client.logout()
    assert client.get(url, {"date": "2026-03-01"}).status_code == 302  # to the log-in
