"""Demo disclosures (công khai) for `make run`: every entry is flagged `is_demo` and shows
the "Dữ liệu minh họa" badge; its PDF is stamped as an illustrative copy. No figure here is
the ward's: the real estimates and reports come from the ward's finance officer.

Some periods are left without an entry on purpose (Quý IV/2025, the 2025 settlement, the
2025 plan…) so the category pages show how a missing period looks. Idempotent: entries
are keyed by a fixed slug, and a file is attached only to an entry that has none.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from demo.news import draw_pdf
from disclosure import services
from disclosure.constants import Category, DisclosureStatus
from disclosure.models import DisclosureEntry

NOTE = "Nội dung minh họa cho cổng thông tin, không phải số liệu thật của phường."

# (slug, category, title, year, part, posted_on)
ENTRIES = [
    (
        "minh-hoa-du-toan-ngan-sach-2026",
        Category.BUDGET_ESTIMATE,
        "Công khai dự toán ngân sách phường năm 2026",
        2026,
        0,
        dt.date(2025, 12, 29),
    ),
    (
        "minh-hoa-thuc-hien-du-toan-quy-iii-2025",
        Category.BUDGET_EXECUTION_QUARTER,
        "Tình hình thực hiện dự toán ngân sách quý III năm 2025",
        2025,
        3,
        dt.date(2025, 10, 15),
    ),
    (
        "minh-hoa-thuc-hien-du-toan-quy-i-2026",
        Category.BUDGET_EXECUTION_QUARTER,
        "Tình hình thực hiện dự toán ngân sách quý I năm 2026",
        2026,
        1,
        dt.date(2026, 4, 14),
    ),
    (
        "minh-hoa-thuc-hien-du-toan-6-thang-cuoi-2025",
        Category.BUDGET_EXECUTION_HALF,
        "Tình hình thực hiện dự toán ngân sách 6 tháng cuối năm 2025",
        2025,
        2,
        dt.date(2026, 1, 20),
    ),
    (
        "minh-hoa-ke-hoach-kinh-te-xa-hoi-2026",
        Category.SOCIO_ECONOMIC_PLAN,
        "Kế hoạch phát triển kinh tế - xã hội năm 2026 của phường",
        2026,
        0,
        dt.date(2026, 1, 8),
    ),
    (
        "minh-hoa-cai-tao-nha-van-hoa-to-dan-pho",
        Category.INVESTMENT_PROJECTS,
        "Dự án cải tạo nhà văn hóa tổ dân phố: quyết định đầu tư và tiến độ",
        None,
        0,
        None,  # posted ten days before the load: still within its posting period
    ),
    (
        "minh-hoa-ke-hoach-su-dung-quy-dat-cong-ich",
        Category.LAND_AND_PLANNING,
        "Kế hoạch quản lý, sử dụng quỹ đất công ích do phường quản lý",
        None,
        0,
        dt.date(2025, 9, 5),
    ),
    (
        "minh-hoa-van-dong-dong-gop-quy-phong-chong-thien-tai",
        Category.FUNDS_AND_CONTRIBUTIONS,
        "Mức vận động đóng góp Quỹ phòng, chống thiên tai",
        None,
        0,
        dt.date(2025, 11, 3),
    ),
    (
        "minh-hoa-quy-che-thuc-hien-dan-chu-o-phuong",
        Category.DEMOCRACY_RULES,
        "Quy chế thực hiện dân chủ ở phường An Phong",
        None,
        0,
        dt.date(2025, 8, 20),
    ),
]


def load(stdout=None, today=None):
    today = today or timezone.localdate()
    for slug, category, title, year, part, posted_on in ENTRIES:
        entry = DisclosureEntry.objects.filter(slug=slug).first() or DisclosureEntry(slug=slug)
        entry.category = category
        entry.title = title
        entry.period_year = year
        entry.period_part = part
        if posted_on is None:
            posted_on = entry.posted_on if entry.pk else today - dt.timedelta(days=10)
        entry.posted_on = posted_on
        entry.posted_until = None
        entry.summary = NOTE
        entry.status = DisclosureStatus.PUBLISHED
        entry.is_demo = True
        services.entry_save(entry=entry)
        if not entry.files.exists():
            pdf = draw_pdf(title, [NOTE])
            services.file_attach(
                entry=entry, title=f"{title} (bản minh họa)", file=ContentFile(pdf, f"{slug}.pdf")
            )
    if stdout:
        stdout.write(f"Demo disclosures: {len(ENTRIES)} entries.")
