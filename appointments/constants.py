"""Choices of the desk appointments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Đã đặt")
    CANCELLED = "cancelled", _("Đã hủy")
    ARRIVED = "arrived", _("Đã đến")
    NO_SHOW = "no_show", _("Không đến")
