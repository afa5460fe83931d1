"""Choices of the congress app (organisation, the Congress page)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganKind(models.TextChoices):
    PARTY = "party", _("Tổ chức Đảng")
    COUNCIL = "council", _("Hội đồng nhân dân")
    COMMITTEE = "committee", _("Ủy ban nhân dân")
    FRONT = "front", _("Mặt trận Tổ quốc")
    MASS = "mass", _("Tổ chức chính trị – xã hội")
    UNIT = "unit", _("Cơ quan, đơn vị chuyên môn")


class CongressItemKind(models.TextChoices):
    ORIENTATION = "orientation", _("Định hướng")
    BREAKTHROUGH = "breakthrough", _("Đột phá chiến lược")
    DIRECTIVE = "directive", _("Nội dung chỉ đạo")
    RESULT = "result", _("Kết quả nhiệm kỳ trước")


class TargetUnit(models.TextChoices):
    PERCENT = "percent", _("%")
    PERCENT_PER_YEAR = "percent_year", _("%/năm")
    COUNT = "count", _("số lượng")


class TargetComparison(models.TextChoices):
    # How a later progress figure is judged against the target.
    AT_LEAST = "at_least", _("đạt từ mức này trở lên")
    AT_MOST = "at_most", _("không vượt quá mức này")
