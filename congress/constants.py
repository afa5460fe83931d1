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


class TargetDirection(models.TextChoices):
    # How a measured value is judged against the target.
    AT_LEAST = "at_least", _("đạt từ mức này trở lên")
    AT_MOST = "at_most", _("không vượt quá mức này")
    EXACTLY = "exactly", _("đúng bằng mức này")


class TargetComputation(models.TextChoices):
    # Where the values of a target come from.
    EDITOR = "editor", _("Biên tập viên nhập số liệu")
    FULLY_ONLINE = "fully_online", _("Tự động: tỷ lệ hồ sơ xử lý trực tuyến toàn trình")


class TargetStatus(models.TextChoices):
    ACHIEVED = "achieved", _("Đã đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    BEHIND = "behind", _("Chậm tiến độ")
    NO_DATA = "no_data", _("Chưa có số liệu")


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
