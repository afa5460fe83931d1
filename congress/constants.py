"""Choices of the news section and the documents register (translated labels)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Xuất bản")


class DocumentType(models.TextChoices):
    # The kinds of text Decree 42/2022 asks a portal to publish, in the usual order.
    RESOLUTION = "nghi-quyet", _("Nghị quyết")
    DECISION = "quyet-dinh", _("Quyết định")
    DIRECTIVE = "chi-thi", _("Chỉ thị")
    PLAN = "ke-hoach", _("Kế hoạch")
    REPORT = "bao-cao", _("Báo cáo")
    NOTICE = "thong-bao", _("Thông báo")
    CONCLUSION = "ket-luan", _("Kết luận")
    OFFICIAL_LETTER = "cong-van", _("Công văn")
    OTHER = "khac", _("Văn bản khác")
