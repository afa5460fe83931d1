# The eleven targets of the 1st Congress (14/8/2025) for the term 2025–2030, as the
# Congress set them. A baseline is given only where the results of the term 2020–2025
# name the same indicator: 94 % of residential groups "cultured" and no poor household
# left. The other results (trained labour, employment, clean water…) measure other things
# and are not stretched into baselines.

import datetime
from decimal import Decimal

from django.db import migrations

TERM = "2025–2030"
DUE = datetime.date(2030, 12, 31)
BASELINE = {
    "baseline_on": datetime.date(2025, 8, 14),
    "baseline_label": "Kết quả nhiệm kỳ 2020–2025 (các phường trước khi sắp xếp)",
    "baseline_label_en": "Result of the term 2020–2025 (the former wards)",
    "baseline_source": (
        "Kết quả nhiệm kỳ 2020–2025 báo cáo tại Đại hội đại biểu Đảng bộ phường An Phong "
        "lần thứ I, ngày 14/8/2025"
    ),
}

# (code, name, English name, target, unit, direction, computed from, note, English note,
#  baseline value or None)
TARGETS = [
    (
        "to-chuc-dang-thuc-hien-nghi-quyet",
        "Tổ chức đảng triển khai thực hiện kịp thời các nghị quyết",
        "Party organisations implementing resolutions promptly",
        "100",
        "percent",
        "at_least",
        "editor",
        "",
        "",
        None,
    ),
    (
        "ket-nap-dang-vien-moi",
        "Kết nạp đảng viên mới",
        "New Party members admitted",
        "3.5",
        "percent_year",
        "at_least",
        "editor",
        "",
        "",
        None,
    ),
    (
        "thanh-lap-to-chuc-dang-moi",
        "Thành lập mới tổ chức đảng",
        "New Party organisations founded",
        "3",
        "count",
        "at_least",
        "editor",
        "",
        "",
        None,
    ),
    (
        "ho-so-truc-tuyen-toan-trinh",
        "Hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình",
        "Administrative dossiers processed fully online",
        "95",
        "percent",
        "at_least",
        "fully_online",
        "",
        "",
        None,
    ),
    (
        "can-bo-dat-chuan-ky-nang-so",
        "Cán bộ, công chức đạt chuẩn kỹ năng số",
        "Officials meeting the digital-skills standard",
        "100",
        "percent",
        "at_least",
        "editor",
        "",
        "",
        None,
    ),
    (
        "bao-hiem-y-te",
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        "Health insurance coverage",
        "97.5",
        "percent",
        "at_least",
        "editor",
        "",
        "",
        None,
    ),
    (
        "bao-hiem-xa-hoi",
        "Lực lượng lao động tham gia bảo hiểm xã hội",
        "Social insurance coverage of the labour force",
        "98",
        "percent",
        "at_least",
        "editor",
        "",
        "",
        None,
    ),
    (
        "truong-hoc-da-nang-thong-minh",
        "Trường học có nhà đa năng và phòng học thông minh",
        "Schools with a multi-purpose hall and smart classrooms",
        "100",
        "percent",
        "at_least",
        "editor",
        "",
        "",
        None,
    ),
    (
        "gia-dinh-van-hoa",
        "Gia đình đạt danh hiệu gia đình văn hóa",
        "Cultured families",
        "98",
        "percent",
        "at_least",
        "editor",
        "",
        "",
        None,
    ),
    (
        "to-dan-pho-van-hoa",
        "Tổ dân phố đạt danh hiệu tổ dân phố văn hóa",
        "Cultured residential groups",
        "97.4",
        "percent",
        "at_least",
        "editor",
        "",
        "",
        "94",
    ),
    (
        "ho-ngheo",
        "Hộ nghèo",
        "Poor households",
        "0",
        "count",
        "at_most",
        "editor",
        "giảm nghèo bền vững",
        "sustainable poverty reduction",
        "0",
    ),
]


def create_targets(apps, schema_editor=None):
    """Create or put right the eleven targets (also used by tests after a flush)."""
    Target = apps.get_model("congress", "Target")
    for order, row in enumerate(TARGETS, start=1):
        code, name, name_en, value, unit, direction, computed, note, note_en, base = row
        defaults = {
            "term": TERM,
            "order": order,
            "name": name,
            "name_en": name_en,
            "target_value": Decimal(value),
            "unit": unit,
            "direction": direction,
            "computed_from": computed,
            "due_on": DUE,
            "note": note,
            "note_en": note_en,
        }
        if base is not None:
            defaults.update(BASELINE, baseline_value=Decimal(base))
        Target.objects.update_or_create(code=code, defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("congress", "0004_targets_with_history")]

    operations = [migrations.RunPython(create_targets, migrations.RunPython.noop)]
