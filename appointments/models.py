"""Desk appointments: a resident's slot at the one-stop desk, and the slots' capacities."""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appointments.constants import AppointmentStatus

MANAGE_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,100}")


def hash_manage_token(token):
    """Only the hash is stored: a database dump does not open anyone's booking."""
    return hashlib.sha256(token.encode()).hexdigest()


class FieldCapacity(models.Model):
    """How many residents of one field of procedures the desk takes in one slot."""

    field = models.OneToOneField(
        "procedures.ProcedureField",
        on_delete=models.CASCADE,
        related_name="appointment_capacity",
        verbose_name=_("lĩnh vực"),
    )
    per_slot = models.PositiveSmallIntegerField(
        _("số lượt mỗi khung giờ"),
        help_text=_(
            "Số người tối đa của lĩnh vực này trong một khung giờ; 0 là không nhận đặt lịch "
            "cho lĩnh vực này."
        ),
    )

    class Meta:
        verbose_name = _("sức chứa theo lĩnh vực")
        verbose_name_plural = _("sức chứa theo lĩnh vực")

    def __str__(self):
        return f"{self.field} – {self.per_slot}"


class SlotCounter(models.Model):
    """One row per slot, locked while a booking for that slot is counted and written.

    Two residents booking the last place of a slot at the same moment queue on this row
    (select_for_update), so the second one counts the first one's booking.
    """

    starts_at = models.DateTimeField(unique=True)

    def __str__(self):
        return str(self.starts_at)


class AppointmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=AppointmentStatus.BOOKED)

    def by_manage_token(self, token):
        if not token or not MANAGE_TOKEN_RE.fullmatch(token):
            return self.none()
        return self.filter(manage_token_hash=hash_manage_token(token))

    def no_shows(self, today=None):
        """Missed bookings: marked so by the sweep, or still booked on a day gone by."""
        today = today or timezone.localdate()
        return self.filter(
            Q(status=AppointmentStatus.NO_SHOW) | Q(status=AppointmentStatus.BOOKED, date__lt=today)
        )


class Appointment(models.Model):
    code = models.CharField(_("mã lịch hẹn"), max_length=20, unique=True)
    procedure = models.ForeignKey(
        "procedures.Procedure",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("thủ tục"),
    )
    # Copied from the procedure when booked: the field's capacity counts it, and a procedure
    # moved to another field later does not change the slots already counted.
    field = models.ForeignKey(
        "procedures.ProcedureField",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("lĩnh vực"),
    )
    date = models.DateField(_("ngày hẹn"))
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    name = models.CharField(_("họ và tên"), max_length=100)
    phone = models.CharField(_("số điện thoại"), max_length=20)
    email = models.EmailField(_("thư điện tử"), blank=True)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("tài khoản"),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    manage_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("đặt lúc"), default=timezone.now)
    reminded_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("đến lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("ẩn danh lúc"), null=True, blank=True, editable=False)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("lịch hẹn")
        verbose_name_plural = _("lịch hẹn")
        indexes = [
            models.Index(fields=["date", "starts_at"]),
            models.Index(fields=["phone", "status"]),
        ]
        constraints = [
            # One active booking per phone per slot, even if two requests race.
            models.UniqueConstraint(
                fields=["phone", "starts_at"],
                condition=Q(status="booked"),
                name="appointment_one_active_per_phone_slot",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointment_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_active(self):
        return self.status == AppointmentStatus.BOOKED

    @property
    def can_change(self):
        """A booking can be cancelled or moved until its slot begins."""
        return self.is_active and self.starts_at > timezone.now()
