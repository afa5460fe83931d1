"""The IPN: the only thing that marks a payment; signature, order, amount, replay, expiry."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from payments import services
from payments.constants import EventKind, PaymentStatus
from payments.models import Payment, PaymentEvent
from procedures.constants import DossierStatus as S
from tests.payments.conftest import ipn
from tests.payments.helpers import notification, vnpay_hash
from tests.procedures.factories import DossierFactory

pytestmark = pytest.mark.django_db


def kinds(payment=None):
    rows = PaymentEvent.objects.all() if payment is None else payment.events.all()
    return [e.kind for e in rows.order_by("pk")]


def test_start_opens_a_pending_order_for_what_is_outstanding(dossier):
    payment, url = services.start_online_payment(dossier=dossier, client_ip="203.0.113.5")
    assert (payment.status, payment.amount, payment.gateway) == ("pending", 50000, "dev")
    assert payment.expires_at - payment.created_at == dt.timedelta(minutes=15)
    assert url.startswith("/cong-thanh-toan-thu-nghiem/?")
    assert f"vnp_TxnRef={payment.txn_ref}" in url and "vnp_Amount=5000000" in url


def test_a_new_order_expires_the_open_one(dossier, order):
    second, _url = services.start_online_payment(dossier=dossier)
    order.refresh_from_db()
    assert order.status == PaymentStatus.EXPIRED and second.status == PaymentStatus.PENDING
    assert Payment.objects.filter(dossier=dossier, status="pending").count() == 1


def test_nothing_outstanding_or_no_gateway_is_refused(ward, settings):
    with pytest.raises(services.PaymentRefused):
        services.start_online_payment(dossier=DossierFactory(fee_due=0))
    settings.PAYMENT_GATEWAY = ""
    with pytest.raises(services.PaymentRefused):
        services.start_online_payment(dossier=DossierFactory(fee_due=1000))
    assert not Payment.objects.exists()


def test_success_marks_paid_with_a_receipt_and_tells_the_resident(
    client, order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = ipn(client, notification(order))
    assert answer == {"RspCode": "00", "Message": "Confirm Success"}
    order.refresh_from_db()
    assert order.status == PaymentStatus.PAID
    assert order.receipt_no.startswith(f"BL-{timezone.localtime(order.paid_at).year}-")
    assert (order.gateway_txn_no, order.bank_code) == ("14831393", "NCB")
    assert order.notification["vnp_TxnRef"] == order.txn_ref
    assert services.outstanding(order.dossier) == 0
    assert kinds(order) == [EventKind.CREATED, EventKind.CONFIRMED]
    [message] = mail.outbox
    assert order.receipt_no in message.body and message.to == ["an@example.com"]


def test_replay_changes_nothing_and_answers_02(client, order):
    params = notification(order)
    assert ipn(client, params)["RspCode"] == "00"
    order.refresh_from_db()
    before = (order.status, order.receipt_no, order.paid_at)
    assert ipn(client, params) == {"RspCode": "02", "Message": "Order already confirmed"}
    # A second, different genuine notification of the same order changes nothing either.
    assert ipn(client, notification(order, txn_no="999"))["RspCode"] == "02"
    order.refresh_from_db()
    assert (order.status, order.receipt_no, order.paid_at) == before
    assert order.gateway_txn_no == "14831393"
    assert Payment.objects.paid().count() == 1
    assert kinds(order)[-2:] == [EventKind.REPLAY, EventKind.REPLAY]


def test_tampered_amount_is_refused_and_logged(client, order, caplog):
    params = notification(order, amount=500)  # correctly signed, wrong amount
    assert ipn(client, params) == {"RspCode": "04", "Message": "Invalid amount"}
    order.refresh_from_db()
    assert order.status == PaymentStatus.PENDING and order.receipt_no is None
    assert kinds(order)[-1] == EventKind.AMOUNT_MISMATCH
    assert "refused" in caplog.text


def test_tampered_parameters_are_a_bad_signature(client, order, caplog):
    params = notification(order)
    params["vnp_Amount"] = "100"  # changed after signing
    assert ipn(client, params) == {"RspCode": "97", "Message": "Invalid Checksum"}
    params = notification(order)
    params["vnp_SecureHash"] = vnpay_hash(params, "not-the-secret")
    assert ipn(client, params)["RspCode"] == "97"
    order.refresh_from_db()
    assert order.status == PaymentStatus.PENDING
    refused = PaymentEvent.objects.filter(kind=EventKind.BAD_SIGNATURE)
    assert refused.count() == 2 and refused.first().txn_ref == order.txn_ref
    assert "bad signature" in caplog.text


def test_unknown_order_answers_01(client, order):
    params = notification(order)
    params["vnp_TxnRef"] = "AP000000NOSUCH"
    params["vnp_SecureHash"] = vnpay_hash(params, "dev-gateway-not-a-secret")
    assert ipn(client, params) == {"RspCode": "01", "Message": "Order not found"}
    assert PaymentEvent.objects.filter(kind=EventKind.UNKNOWN_ORDER, txn_ref="AP000000NOSUCH")


def test_a_failed_payment_is_recorded_failed(client, order):
    assert ipn(client, notification(order, code="24"))["RspCode"] == "00"
    order.refresh_from_db()
    assert order.status == PaymentStatus.FAILED and order.receipt_no is None
    assert services.outstanding(order.dossier) == 50000
    # A success claimed afterwards for the same order is a replay: nothing changes.
    assert ipn(client, notification(order))["RspCode"] == "02"
    order.refresh_from_db()
    assert order.status == PaymentStatus.FAILED


def test_a_late_genuine_success_is_recorded_paid_and_flagged(client, order, clock, caplog):
    clock.now = order.expires_at + dt.timedelta(minutes=5)
    assert ipn(client, notification(order))["RspCode"] == "00"
    order.refresh_from_db()
    assert order.status == PaymentStatus.PAID and order.receipt_no
    assert EventKind.LATE in kinds(order)
    assert "after its order expired" in caplog.text


def test_the_sweep_closes_only_orders_past_their_expiry(client, order, clock):
    """expire_payment_orders (every 15 minutes) closes what the gateway no longer takes;
    an order still open, a paid one and a cash payment stay as they are."""
    other = DossierFactory(fee_due=30000)
    paid, _url = services.start_online_payment(dossier=other)
    assert ipn(client, notification(paid))["RspCode"] == "00"
    clock.now = order.expires_at
    call_command("expire_payment_orders", stdout=io.StringIO())
    order.refresh_from_db()
    assert order.status == PaymentStatus.PENDING  # the last minute is still the buyer's
    clock.now = order.expires_at + dt.timedelta(seconds=1)
    out = io.StringIO()
    call_command("expire_payment_orders", stdout=out)
    assert out.getvalue().strip() == "1 expired order(s) closed."
    order.refresh_from_db()
    paid.refresh_from_db()
    assert (order.status, paid.status) == (PaymentStatus.EXPIRED, PaymentStatus.PAID)
    assert kinds(order) == [EventKind.CREATED, EventKind.EXPIRED]
    assert services.expire_stale_orders() == 0  # a second run finds nothing
    # A genuine success arriving afterwards is still recorded.
    assert ipn(client, notification(order))["RspCode"] == "00"
    order.refresh_from_db()
    assert order.status == PaymentStatus.PAID and EventKind.LATE in kinds(order)


def test_a_late_success_of_a_replaced_order_is_still_recorded(client, dossier, order):
    newer, _url = services.start_online_payment(dossier=dossier)
    order.refresh_from_db()
    assert order.status == PaymentStatus.EXPIRED
    assert ipn(client, notification(order))["RspCode"] == "00"
    order.refresh_from_db()
    assert order.status == PaymentStatus.PAID and EventKind.LATE in kinds(order)
    # The newer order is now for more than is owed: its success would be an overpayment,
    # still recorded (money taken) and flagged late if it arrives after expiry.
    assert services.outstanding(dossier) == 0


def test_the_ipn_answers_only_get(client, order):
    response = client.post(reverse("payments_ipn"), notification(order))
    assert response.status_code == 405
    order.refresh_from_db()
    assert order.status == PaymentStatus.PENDING


def test_paying_the_obligation_moves_the_dossier_on(client, ward):
    dossier = DossierFactory(
        fee_due=0, status_path=[S.ACCEPTED, S.PROCESSING, S.FINANCIAL_OBLIGATION]
    )
    assert dossier.obligation_amount == 50000
    payment, _url = services.start_online_payment(dossier=dossier)
    assert payment.amount == 50000
    assert ipn(client, notification(payment))["RspCode"] == "00"
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    event = dossier.events.order_by("-pk").first()
    assert (event.from_status, event.to_status, event.actor) == (6, 4, None)
    payment.refresh_from_db()
    assert payment.receipt_no in event.public_note


def test_a_partial_payment_leaves_the_dossier_waiting(ward, reception, field_a):
    dossier = DossierFactory(
        fee_due=0, status_path=[S.ACCEPTED, S.PROCESSING, S.FINANCIAL_OBLIGATION]
    )
    services.record_cash_payment(dossier=dossier, amount=20000, cashier=reception)
    dossier.refresh_from_db()
    assert dossier.status == S.FINANCIAL_OBLIGATION
    assert services.outstanding(dossier) == 30000


def test_receipt_numbers_are_sequential_and_unique(client, ward, settings):
    settings.PAYMENT_RECEIPT_PREFIX = "BL"
    numbers = []
    for _i in range(3):
        payment, _url = services.start_online_payment(dossier=DossierFactory(fee_due=10000))
        ipn(client, notification(payment))
        payment.refresh_from_db()
        numbers.append(payment.receipt_no)
    year = numbers[0].split("-")[1]
    assert numbers == [f"BL-{year}-{n:06d}" for n in (1, 2, 3)]


def test_the_return_page_never_marks_a_payment(tracked, order):
    params = notification(order)
    response = tracked.get(reverse("payments:return"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "chờ xác nhận" in html and "data-payment-pending" in html
    order.refresh_from_db()
    assert order.status == PaymentStatus.PENDING and order.receipt_no is None
    assert not PaymentEvent.objects.exclude(kind=EventKind.CREATED).exists()
    # Once the IPN has come, the same page shows the receipt.
    ipn(tracked, params)
    html = tracked.get(reverse("payments:return"), params).content.decode()
    order.refresh_from_db()
    assert "data-payment-paid" in html and order.receipt_no in html


def test_the_return_page_says_nothing_of_another_sessions_order(client, order):
    html = client.get(reverse("payments:return"), notification(order)).content.decode()
    assert "data-payment-pending" not in html and "Không xác định được giao dịch" in html
