"""Choices of the personnel app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganKind(models.TextChoices):
    PARTY = "party", _("Tổ chức Đảng")
    COUNCIL = "council", _("Hội đồng nhân dân")
    COMMITTEE = "committee", _("Ủy ban nhân dân")
    FRONT = "front", _("Mặt trận Tổ quốc")
    MASS = "mass", _("Tổ chức chính trị – xã hội")
    UNIT = "unit", _("Cơ quan, đơn vị chuyên môn")
