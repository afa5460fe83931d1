"""Choices of the congress app: news, documents, the Congress page."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CongressItemKind(models.TextChoices):
    ORIENTATION = "orientation", _("Định hướng")
    BREAKTHROUGH = "breakthrough", _("Khâu đột phá")
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
