"""The only writers of payments: open an online order, handle the gateway's notification,
record cash at the desk. Every receipt number comes from `_next_receipt_no`.

The notification decides, in this order and in one transaction with the payment's row
locked: signature (else "97"), order known (else "01"), amount equal to the order's
(else "04"), not already settled (a replay answers "02" and changes nothing). A genuine
success that arrives after the order expired is still recorded as paid — the buyer's money
was taken, and refusing it would leave the office owing a refund it cannot see — with a
LATE line in the log and a warning for the accountant; a failure after expiry just closes
the order. The browser's return to the portal never marks anything.
"""

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from notifications.models import NotificationChannel
from notifications.services import notify
from payments.constants import EventKind, IpnAnswer, PaymentMethod, PaymentStatus
from payments.gateways import SignatureInvalid, get_gateway
from payments.models import Payment, PaymentEvent, ReceiptCounter
from portal.records import status_change_allowed
from procedures.constants import DossierStatus
from procedures.models import Dossier
from procedures.workflow import TransitionRefused, dossier_transition
from staff.audit import AuditAction, audit

logger = logging.getLogger(__name__)

# Statuses in which nothing more is collected: the dossier is closed or was never taken on.
CLOSED = frozenset(
    {DossierStatus.REFUSED, DossierStatus.STOPPED, DossierStatus.WITHDRAWAL_REQUESTED}
)


class PaymentRefused(ValidationError):
    pass


def amount_owed(dossier):
    """The fee due plus the financial obligation, in VND."""
    return dossier.fee_due + (dossier.obligation_amount or 0)


def amount_paid(dossier):
    paid = Payment.objects.filter(dossier_id=dossier.pk).paid().aggregate(s=Sum("amount"))["s"]
    return paid or 0


def outstanding(dossier):
    """What is still to pay: owed minus confirmed payments (never below zero)."""
    return max(0, amount_owed(dossier) - amount_paid(dossier))


def _log(kind, *, payment=None, txn_ref="", detail="", params=None):
    return PaymentEvent.objects.create(
        payment=payment,
        txn_ref=(txn_ref or (payment.txn_ref if payment else ""))[:100],
        kind=kind,
        detail=str(detail)[:300],
        params=params or {},
    )


def _new_txn_ref():
    return f"AP{timezone.localtime():%y%m%d}{secrets.token_hex(5).upper()}"


def _set_status(payment, status, **fields):
    payment.status = status
    for name, value in fields.items():
        setattr(payment, name, value)
    with status_change_allowed(Payment):
        payment.save()


def _locked_dossier(dossier):
    return (
        Dossier.objects.select_for_update()
        .only("pk", "status", "fee_due", "obligation_amount", "code")
        .get(pk=dossier.pk)
    )


def expire_open_orders(dossier, now=None):
    """Close the dossier's online orders still pending (call with the dossier locked)."""
    now = now or timezone.now()
    for payment in Payment.objects.select_for_update().filter(
        dossier_id=dossier.pk, method=PaymentMethod.ONLINE, status=PaymentStatus.PENDING
    ):
        _set_status(payment, PaymentStatus.EXPIRED)
        _log(EventKind.EXPIRED, payment=payment, detail="replaced by a new order")


def expire_stale_orders(now=None):
    """Close the online orders whose time at the gateway has run out; return how many.

    The gateway refuses payment of an order past vnp_ExpireDate, so such an order is
    over; left "pending" it would read as a payment under way in the desk's lists and
    the reconciliation. A genuine success arriving afterwards is still recorded
    (handle_notification: LATE), so closing it loses nothing.
    """
    now = now or timezone.now()
    stale = Payment.objects.filter(
        method=PaymentMethod.ONLINE, status=PaymentStatus.PENDING, expires_at__lt=now
    )
    closed = 0
    for pk in stale.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            # Locked and read again: a notification may have confirmed it meanwhile.
            payment = stale.select_for_update().filter(pk=pk).first()
            if payment is None:
                continue
            _set_status(payment, PaymentStatus.EXPIRED)
            _log(EventKind.EXPIRED, payment=payment, detail="expired at the gateway")
            closed += 1
    return closed


def start_online_payment(*, dossier, client_ip=""):
    """Open an order for what the dossier still owes; return (payment, gateway address).

    One open order per dossier: an older pending one is expired first (a genuine payment
    of it that still arrives is recorded late, see the module's docstring).
    """
    gateway = get_gateway()
    if gateway is None:
        raise PaymentRefused(_("Chưa có cổng thanh toán trực tuyến: xin nộp tại quầy."))
    with transaction.atomic():
        locked = _locked_dossier(dossier)
        if locked.status in CLOSED:
            raise PaymentRefused(_("Hồ sơ này không còn nhận thanh toán."), code="closed")
        amount = outstanding(locked)
        if amount <= 0:
            raise PaymentRefused(_("Hồ sơ không còn khoản nào phải nộp."), code="nothing_due")
        now = timezone.now()
        expire_open_orders(locked, now)
        payment = Payment.objects.create(
            dossier=locked,
            amount=amount,
            method=PaymentMethod.ONLINE,
            gateway=gateway.name,
            txn_ref=_new_txn_ref(),
            created_at=now,
            expires_at=now + dt.timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES),
        )
        _log(EventKind.CREATED, payment=payment, detail=f"{amount} VND via {gateway.name}")
    # ASCII order text: some banks' pages show no diacritics (VNPAY asks for none).
    order_info = f"Nop phi ho so {locked.code}"
    return payment, gateway.payment_url(payment=payment, order_info=order_info, client_ip=client_ip)


def handle_notification(params):
    """Apply one gateway notification; return the answer body for the gateway.

    The one thing that marks an online payment paid. `params` is the notification's query
    as a plain dict.
    """
    gateway = get_gateway()
    if gateway is None:
        logger.warning("Payment notification received while no gateway is configured")
        return {"RspCode": IpnAnswer.OTHER_ERROR.value, "Message": IpnAnswer.OTHER_ERROR.label}
    params = {str(k): str(v) for k, v in params.items()}
    txn_ref = params.get("vnp_TxnRef", "")
    try:
        result = gateway.verify(params)
    except SignatureInvalid as exc:
        logger.warning("Payment notification refused (bad signature) for order %r", txn_ref)
        _log(EventKind.BAD_SIGNATURE, txn_ref=txn_ref, detail=exc, params=params)
        return gateway.answer(IpnAnswer.INVALID_SIGNATURE)
    except ValueError as exc:
        logger.warning("Payment notification unreadable for order %r: %s", txn_ref, exc)
        return gateway.answer(IpnAnswer.OTHER_ERROR)
    with transaction.atomic():
        code = _apply(result)
    return gateway.answer(code)


def _apply(result):
    payment = (
        Payment.objects.select_for_update()
        .filter(txn_ref=result.txn_ref, method=PaymentMethod.ONLINE)
        .first()
    )
    if payment is None:
        logger.warning("Payment notification for unknown order %r", result.txn_ref)
        _log(EventKind.UNKNOWN_ORDER, txn_ref=result.txn_ref, params=result.params)
        return IpnAnswer.ORDER_NOT_FOUND
    if result.amount != payment.amount:
        logger.warning(
            "Payment notification for order %s refused: amount %s, order %s",
            payment.txn_ref,
            result.amount,
            payment.amount,
        )
        _log(
            EventKind.AMOUNT_MISMATCH,
            payment=payment,
            detail=f"{result.amount} != {payment.amount}",
            params=result.params,
        )
        return IpnAnswer.INVALID_AMOUNT
    if payment.status in (PaymentStatus.PAID, PaymentStatus.FAILED):
        _log(EventKind.REPLAY, payment=payment, detail=payment.status, params=result.params)
        return IpnAnswer.ALREADY_CONFIRMED
    now = timezone.now()
    late = payment.status == PaymentStatus.EXPIRED or (
        payment.expires_at is not None and now > payment.expires_at
    )
    if not result.success:
        _set_status(payment, PaymentStatus.FAILED, notification=result.params)
        _log(EventKind.FAILED, payment=payment, detail=result.response_code, params=result.params)
        return IpnAnswer.CONFIRMED
    if late:
        logger.warning(
            "Payment %s confirmed after its order expired: recorded, check for a double payment",
            payment.txn_ref,
        )
        _log(EventKind.LATE, payment=payment, detail=f"expired {payment.expires_at:%Y-%m-%d %H:%M}")
    _set_status(
        payment,
        PaymentStatus.PAID,
        paid_at=result.paid_at or now,
        gateway_txn_no=result.gateway_txn_no,
        bank_code=result.bank_code,
        notification=result.params,
        receipt_no=_next_receipt_no(result.paid_at or now),
    )
    _log(EventKind.CONFIRMED, payment=payment, detail=payment.receipt_no, params=result.params)
    _after_paid(payment)
    return IpnAnswer.CONFIRMED


def record_cash_payment(*, dossier, amount, cashier):
    """Record cash taken at the desk: a paid payment with its receipt, audited."""
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise PaymentRefused(_("Số tiền phải là số nguyên dương (đồng)."), code="amount")
    with transaction.atomic():
        locked = _locked_dossier(dossier)
        if locked.status in CLOSED:
            raise PaymentRefused(_("Hồ sơ này không còn nhận thanh toán."), code="closed")
        due = outstanding(locked)
        if amount > due:
            raise PaymentRefused(
                _("Số tiền lớn hơn số còn phải nộp (%(due)s đồng)."),
                params={"due": due},
                code="too_much",
            )
        now = timezone.now()
        # A pending online order would let the resident pay twice: close it.
        expire_open_orders(locked, now)
        payment = Payment(
            dossier=locked,
            amount=amount,
            method=PaymentMethod.CASH,
            status=PaymentStatus.PAID,
            txn_ref=_new_txn_ref(),
            created_at=now,
            paid_at=now,
            cashier=cashier,
            receipt_no=_next_receipt_no(now),
        )
        with status_change_allowed(Payment):
            payment.save()
        _log(EventKind.CASH, payment=payment, detail=payment.receipt_no)
        audit(
            actor=cashier,
            action=AuditAction.CREATE,
            target=payment,
            kind="cash_payment",
            dossier=locked.code,
            amount=amount,
            receipt_no=payment.receipt_no,
        )
        _after_paid(payment)
    return payment


def _next_receipt_no(moment):
    """The next biên lai number of the moment's year: <prefix>-<year>-<000123>."""
    year = timezone.localtime(moment).year
    ReceiptCounter.objects.get_or_create(year=year)
    counter = ReceiptCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{settings.PAYMENT_RECEIPT_PREFIX}-{year}-{counter.last:06d}"


def _after_paid(payment):
    """Move a settled dossier on, and tell the resident (after commit)."""
    dossier = Dossier.objects.get(pk=payment.dossier_id)
    if dossier.status == DossierStatus.FINANCIAL_OBLIGATION and outstanding(dossier) == 0:
        try:
            with transaction.atomic():
                dossier_transition(
                    dossier=dossier,
                    to_status=DossierStatus.PROCESSING,
                    actor=None,
                    public_note=str(
                        _("Đã nộp đủ nghĩa vụ tài chính (biên lai %(no)s).")
                        % {"no": payment.receipt_no}
                    ),
                )
        except TransitionRefused:
            # The payment stands; an officer moves the dossier on by hand.
            logger.exception("Dossier %s paid but not moved on", dossier.code)
    _notify_paid(dossier, payment)


def _notify_paid(dossier, payment):
    with translation.override(settings.LANGUAGE_CODE):
        tracking = settings.SITE_URL.rstrip("/") + reverse("procedures:tracking")
    context = {"dossier": dossier, "payment": payment, "tracking_page_url": tracking}
    template = "payments/notifications/payment_received"
    notify(
        obj=dossier,
        channel=NotificationChannel.EMAIL,
        recipient=dossier.email,
        template=template,
        context=context,
    )
    if settings.DOSSIER_SMS_NOTIFICATIONS:
        notify(
            obj=dossier,
            channel=NotificationChannel.SMS,
            recipient=dossier.phone,
            template=template,
            context=context,
        )
