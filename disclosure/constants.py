"""What the ward must make public (công khai), how often, and for how long it stays posted.

Source: Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (in force 1/7/2023), Chương II
Mục 1, read in the Pháp điển (Bộ pháp điển, đề mục "Thực hiện dân chủ ở cơ sở", Điều
44.13.LQ.11–14 = Điều 11–14 of the Law):
- Điều 11 lists 14 khoản the commune-level authority must publish; each category below
  names its khoản. Khoản 2 gives the rhythm of budget execution reports: "định kỳ theo
  quý, 06 tháng, hằng năm"; it is split into one category per document so that each
  has one period kind.
- Điều 12 khoản 3: the moment of publication follows the sector's law, otherwise "chậm
  nhất là 05 ngày làm việc kể từ ngày có quyết định, văn bản" of the competent body.
- Điều 13 khoản 1: where the commune has a portal, everything of Điều 11 goes on it.
- Điều 13 khoản 2: khoản 1, 2, 3, 5–12 are posted (niêm yết) "ít nhất là 30 ngày liên
  tục kể từ ngày niêm yết"; khoản 4 and 13 are posted "thường xuyên" (permanently,
  updated when they change).

A category with a period kind other than NONE expects one disclosure per period: the
category page lists each period since the ward began (1/7/2025) and marks the ones with no
published entry "Chưa công khai" (disclosure.periods).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisclosureStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công khai")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Theo quý")
    HALF = "half", _("Theo 6 tháng")
    YEAR = "year", _("Hằng năm")
    NONE = "none", _("Không theo kỳ")


class Due(models.TextChoices):
    """From when a period is listed as expected (see disclosure.periods)."""

    # A plan or an estimate is for the period ahead: expected once the period begins.
    AT_START = "start", _("Từ đầu kỳ")
    # A report on execution or a settlement describes a period gone by: expected once
    # the period has ended.
    AFTER_END = "end", _("Sau khi kết thúc kỳ")


class Category(models.TextChoices):
    """One value per item to publish; the value is the category page's address."""

    SOCIO_ECONOMIC_PLAN = (
        "ke-hoach-kinh-te-xa-hoi",
        _("Kế hoạch phát triển kinh tế - xã hội hằng năm và kết quả thực hiện"),
    )
    BUDGET_ESTIMATE = "du-toan-ngan-sach", _("Dự toán ngân sách phường")
    BUDGET_EXECUTION_QUARTER = (
        "thuc-hien-du-toan-quy",
        _("Tình hình thực hiện dự toán ngân sách theo quý"),
    )
    BUDGET_EXECUTION_HALF = (
        "thuc-hien-du-toan-6-thang",
        _("Tình hình thực hiện dự toán ngân sách 6 tháng"),
    )
    BUDGET_EXECUTION_YEAR = (
        "thuc-hien-du-toan-nam",
        _("Tình hình thực hiện dự toán ngân sách cả năm"),
    )
    BUDGET_SETTLEMENT = "quyet-toan-ngan-sach", _("Quyết toán ngân sách phường")
    INVESTMENT_PROJECTS = "du-an-dau-tu", _("Dự án, công trình đầu tư và tiến độ thực hiện")
    LAND_AND_PLANNING = (
        "dat-dai-quy-hoach",
        _("Thu hồi đất, quản lý quỹ đất và quy hoạch xây dựng"),
    )
    DEMOCRACY_RULES = (
        "quy-che-dan-chu",
        _("Quy chế thực hiện dân chủ, nhiệm vụ của cán bộ, công chức và quy tắc ứng xử"),
    )
    FUNDS_AND_CONTRIBUTIONS = (
        "quy-va-khoan-dong-gop",
        _("Quản lý, sử dụng các quỹ, khoản tài trợ và các khoản huy động Nhân dân đóng góp"),
    )
    PUBLIC_ASSETS = "tai-san-cong", _("Đầu tư, mua sắm, sử dụng và xử lý tài sản công")
    SOCIAL_SUPPORT = (
        "chinh-sach-ho-tro",
        _("Chính sách hỗ trợ, trợ cấp, tín dụng và an sinh xã hội"),
    )
    DISASTER_RELIEF = (
        "ho-tro-thien-tai",
        _("Hỗ trợ khắc phục thiên tai, dịch bệnh và các khoản quyên góp"),
    )
    MILITARY_SERVICE = "goi-nhap-ngu", _("Gọi nhập ngũ và thực hiện nghĩa vụ tham gia Công an")
    INSPECTION_RESULTS = (
        "thanh-tra-tin-nhiem",
        _("Kết quả thanh tra, kiểm tra, xử lý tham nhũng và lấy phiếu tín nhiệm"),
    )
    CONSULTATIONS = "lay-y-kien-nhan-dan", _("Lấy ý kiến Nhân dân và kết quả tiếp thu")
    FEES = "phi-le-phi", _("Đối tượng, mức thu phí, lệ phí do phường trực tiếp thu")
    PROCEDURES = "thu-tuc-hanh-chinh", _("Thủ tục hành chính do phường trực tiếp thực hiện")
    OTHER = "noi-dung-khac", _("Nội dung khác theo quy định")


class Posting(models.TextChoices):
    """How long an entry stays posted (Luật 10/2022/QH15, Điều 13 khoản 2)."""

    DAYS_30 = "30", _("Ít nhất 30 ngày liên tục")
    PERMANENT = "permanent", _("Thường xuyên, cập nhật khi thay đổi")


@dataclass(frozen=True)
class CategoryRule:
    clause: int  # khoản of Điều 11, Luật 10/2022/QH15
    period: str  # PeriodKind
    due: str = Due.AFTER_END
    posting: str = Posting.DAYS_30

    @property
    def period_label(self):
        return PeriodKind(self.period).label

    @property
    def is_permanent(self):
        return self.posting == Posting.PERMANENT


_NONE = PeriodKind.NONE
RULES = {
    # Khoản 1: "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế
    # hằng năm của cấp xã và kết quả thực hiện": a plan for the year ahead.
    Category.SOCIO_ECONOMIC_PLAN: CategoryRule(1, PeriodKind.YEAR, Due.AT_START),
    # Khoản 2: the estimate decided by the People's Council (for the year ahead), its
    # execution "định kỳ theo quý, 06 tháng, hằng năm", and the settlement it approved.
    Category.BUDGET_ESTIMATE: CategoryRule(2, PeriodKind.YEAR, Due.AT_START),
    Category.BUDGET_EXECUTION_QUARTER: CategoryRule(2, PeriodKind.QUARTER),
    Category.BUDGET_EXECUTION_HALF: CategoryRule(2, PeriodKind.HALF),
    Category.BUDGET_EXECUTION_YEAR: CategoryRule(2, PeriodKind.YEAR),
    Category.BUDGET_SETTLEMENT: CategoryRule(2, PeriodKind.YEAR),
    # Khoản 3: investment projects and their progress; land recovery, the land fund and
    # construction planning. Published as they arise.
    Category.INVESTMENT_PROJECTS: CategoryRule(3, _NONE),
    Category.LAND_AND_PLANNING: CategoryRule(3, _NONE),
    # Khoản 4 and 13 are posted permanently (Điều 13 khoản 2, second paragraph).
    Category.DEMOCRACY_RULES: CategoryRule(4, _NONE, posting=Posting.PERMANENT),
    # Khoản 5: funds, sponsored programmes and "các khoản huy động Nhân dân đóng góp".
    Category.FUNDS_AND_CONTRIBUTIONS: CategoryRule(5, _NONE),
    Category.PUBLIC_ASSETS: CategoryRule(6, _NONE),
    Category.SOCIAL_SUPPORT: CategoryRule(7, _NONE),
    Category.DISASTER_RELIEF: CategoryRule(8, _NONE),
    Category.MILITARY_SERVICE: CategoryRule(9, _NONE),
    Category.INSPECTION_RESULTS: CategoryRule(10, _NONE),
    Category.CONSULTATIONS: CategoryRule(11, _NONE),
    Category.FEES: CategoryRule(12, _NONE),
    Category.PROCEDURES: CategoryRule(13, _NONE, posting=Posting.PERMANENT),
    # Khoản 14: "Nội dung khác theo quy định của pháp luật và quy chế thực hiện dân chủ".
    # Điều 13 khoản 2 does not name it; Luật Tiếp cận thông tin số 104/2016/QH13, Điều 21
    # khoản 2, fills the gap: posted "trong thời hạn ít nhất là 30 ngày".
    Category.OTHER: CategoryRule(14, _NONE),
}

# Điều 13 khoản 2: "Thời gian niêm yết thông tin ít nhất là 30 ngày liên tục kể từ ngày
# niêm yết". The default end of posting is the posting day + 30 days: at least 30 whole
# days however the posting day itself is counted.
MIN_POSTING_DAYS = 30
