"""Choices of the citizen reception schedule (lịch tiếp công dân)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceiverRole(models.TextChoices):
    """Who receives: the law names the chair; the others are as the ward assigns them."""

    CHAIR = "chu-tich", _("Chủ tịch UBND phường")
    VICE_CHAIR = "pho-chu-tich", _("Phó Chủ tịch UBND phường")
    COUNCIL_CHAIR = "chu-tich-hdnd", _("Chủ tịch HĐND phường")
    OFFICER = "can-bo", _("Cán bộ tiếp công dân thường xuyên")


class Weekday(models.IntegerChoices):
    """Python's numbering (date.weekday()): Monday is 0."""

    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")


class ChangeKind(models.TextChoices):
    CANCEL = "huy", _("Hủy buổi tiếp")
    MOVE = "doi-lich", _("Đổi lịch")
    EXTRA = "bo-sung", _("Buổi tiếp bổ sung")


class OccurrenceStatus(models.TextChoices):
    """The state of one concrete session in the computed schedule (never stored)."""

    HELD = "held", _("Theo lịch định kỳ")
    MOVED = "moved", _("Đã đổi lịch")
    EXTRA = "extra", _("Buổi tiếp bổ sung")
    CANCELLED = "cancelled", _("Hủy")
    HOLIDAY = "holiday", _("Không tiếp (ngày nghỉ lễ)")
