"""Choices of the payments app: how a fee was paid, where a payment stands, what its log says."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    CASH = "cash", _("Tiền mặt tại quầy")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Không thành công")
    EXPIRED = "expired", _("Hết hạn")


class EventKind(models.TextChoices):
    """One line of a payment's log (PaymentEvent)."""

    CREATED = "created", _("Tạo lệnh thanh toán")
    EXPIRED = "expired", _("Lệnh hết hạn")
    CONFIRMED = "confirmed", _("Xác nhận đã thanh toán")
    CASH = "cash", _("Thu tiền mặt")
    FAILED = "failed", _("Thanh toán không thành công")
    # Refused or ignored notifications: nothing about the payment changed.
    BAD_SIGNATURE = "bad_signature", _("Từ chối: sai chữ ký")
    UNKNOWN_ORDER = "unknown_order", _("Từ chối: không có lệnh thanh toán")
    AMOUNT_MISMATCH = "amount_mismatch", _("Từ chối: sai số tiền")
    REPLAY = "replay", _("Thông báo lặp lại, bỏ qua")
    # A genuine success after the order expired: the money was taken, so it is recorded.
    LATE = "late", _("Thông báo đến sau khi lệnh hết hạn")


class IpnAnswer(models.TextChoices):
    """The codes a merchant answers VNPAY's IPN with (RspCode), and their messages."""

    CONFIRMED = "00", "Confirm Success"
    ORDER_NOT_FOUND = "01", "Order not found"
    ALREADY_CONFIRMED = "02", "Order already confirmed"
    INVALID_AMOUNT = "04", "Invalid amount"
    INVALID_SIGNATURE = "97", "Invalid Checksum"
    OTHER_ERROR = "99", "Unknow error"
