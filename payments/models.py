"""Payments of a dossier's fees and charges, their append-only log and the receipt sequence.

A payment's status changes only through `payments.services` (GuardedStatusModel): an
online one is marked paid only by the gateway's verified notification, a cash one is
recorded paid by the cashier at the desk. Both get a receipt (biên lai) number.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.constants import EventKind, PaymentMethod, PaymentStatus
from portal.records import AppendOnlyModel, GuardedStatusModel, GuardedStatusQuerySet


class ReceiptCounter(models.Model):
    """The yearly sequence of receipt numbers, one row a year, locked when used."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class PaymentQuerySet(GuardedStatusQuerySet):
    def paid(self):
        return self.filter(status=PaymentStatus.PAID)

    def paid_on(self, day):
        """Paid on `day` (a date, local time): the reconciliation's one rule."""
        start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        return self.paid().filter(paid_at__gte=start, paid_at__lt=start + dt.timedelta(days=1))


class Payment(GuardedStatusModel):
    INITIAL_STATUS = PaymentStatus.PENDING

    dossier = models.ForeignKey(
        "procedures.Dossier",
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("hồ sơ"),
    )
    amount = models.PositiveIntegerField(_("số tiền (đồng)"))
    method = models.CharField(
        _("hình thức"), max_length=10, choices=PaymentMethod.choices, default=PaymentMethod.ONLINE
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
        db_index=True,
    )
    gateway = models.CharField(_("cổng thanh toán"), max_length=20, blank=True)
    # The merchant's order reference sent to the gateway (vnp_TxnRef); cash has one too.
    txn_ref = models.CharField(_("mã giao dịch của cổng thông tin"), max_length=40, unique=True)
    gateway_txn_no = models.CharField(
        _("mã giao dịch tại cổng thanh toán"), max_length=40, blank=True
    )
    bank_code = models.CharField(_("ngân hàng"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    receipt_no = models.CharField(
        _("số biên lai"), max_length=30, unique=True, null=True, blank=True
    )
    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ thu tiền"),
    )
    # The verified notification as the gateway sent it, kept for the record.
    notification = models.JSONField(_("thông báo của cổng thanh toán"), default=dict, blank=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("khoản thanh toán")
        verbose_name_plural = _("khoản thanh toán")
        indexes = [models.Index(fields=["status", "paid_at"])]
        permissions = [
            ("export_reconciliation", _("Xuất bảng đối soát thanh toán")),
            ("record_cash_payment", _("Thu tiền mặt tại quầy")),
        ]

    def __str__(self):
        return self.receipt_no or self.txn_ref


class PaymentEvent(AppendOnlyModel):
    """One line of the payments log: a notification received and what became of it."""

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    # The order reference the notification named, even when no payment has it.
    txn_ref = models.CharField(_("mã giao dịch"), max_length=100, blank=True)
    kind = models.CharField(_("sự kiện"), max_length=20, choices=EventKind.choices)
    detail = models.CharField(_("chi tiết"), max_length=300, blank=True)
    params = models.JSONField(_("tham số nhận được"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nhật ký thanh toán")
        verbose_name_plural = _("nhật ký thanh toán")

    def __str__(self):
        return f"{self.txn_ref}: {self.get_kind_display()}"
