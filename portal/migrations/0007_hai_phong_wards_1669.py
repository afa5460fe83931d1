"""Hải Phòng's 114 commune-level units, as Article 1 of Resolution 1669/NQ-UBTVQH15 lists them.

0005 shipped 48 units named after the city's April 2025 draft plan, only two of them checked.
Here every unit comes from the resolution itself (16/6/2025, in force for local government
from 1/7/2025): Article 1, items 1–114, gives each new unit with its kind and what it was
formed from, and item 115 gives the totals, 45 phường, 67 xã and 2 đặc khu. All 114 names and
kinds were read in the resolution's published text and agree with two independent lists of
the same units (one keyed by the Statistics Office's new unit codes); each row's `source`
names its item ("Điều 1 khoản 24" for An Phong), so anyone can recheck it against the signed
text. So all 114 are marked verified.

Rows of 0005 are corrected in place (looked up by province, kind and name, slug unchanged),
so dossiers keep pointing at them. A Hải Phòng row the resolution does not name (0005's
draft "Vĩnh An") is deleted when nothing references it; otherwise it is kept, marked
unverified, and its source says why — no dossier loses its address. Idempotent: running it
again changes nothing. The reverse keeps the data, like 0005's.
"""

from django.db import migrations

from anphong.text import slugify_vi, sort_key

RESOLUTION = "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"
NOT_IN_RESOLUTION = (
    "Không có trong Nghị quyết 1669/NQ-UBTVQH15 (tên theo phương án 4/2025); "
    "giữ lại vì hồ sơ đã dẫn chiếu"
)

# Article 1 in its own order, so that a unit's position is its item number. Items 1–24 and
# 46–69 were formed in the former Hải Phòng city, items 25–45 and 70–112 in the former Hải
# Dương province.
WARDS = [  # items 1–45
    "Thủy Nguyên", "Thiên Hương", "Hòa Bình", "Nam Triệu", "Bạch Đằng", "Lưu Kiếm",
    "Lê Ích Mộc", "Hồng Bàng", "Hồng An", "Ngô Quyền", "Gia Viên", "Lê Chân", "An Biên",
    "Hải An", "Đông Hải", "Kiến An", "Phù Liễn", "Nam Đồ Sơn", "Đồ Sơn", "Hưng Đạo",
    "Dương Kinh", "An Dương", "An Hải", "An Phong", "Hải Dương", "Lê Thanh Nghị", "Việt Hòa",
    "Thành Đông", "Nam Đồng", "Tân Hưng", "Thạch Khôi", "Tứ Minh", "Ái Quốc", "Chu Văn An",
    "Chí Linh", "Trần Hưng Đạo", "Nguyễn Trãi", "Trần Nhân Tông", "Lê Đại Hành", "Kinh Môn",
    "Nguyễn Đại Năng", "Trần Liễu", "Bắc An Phụ", "Phạm Sư Mạnh", "Nhị Chiểu",
]
COMMUNES = [  # items 46–112
    "An Hưng", "An Khánh", "An Quang", "An Trường", "An Lão", "Kiến Thụy", "Kiến Minh",
    "Kiến Hải", "Kiến Hưng", "Nghi Dương", "Quyết Thắng", "Tiên Lãng", "Tân Minh",
    "Tiên Minh", "Chấn Hưng", "Hùng Thắng", "Vĩnh Bảo", "Nguyễn Bỉnh Khiêm", "Vĩnh Am",
    "Vĩnh Hải", "Vĩnh Hòa", "Vĩnh Thịnh", "Vĩnh Thuận", "Việt Khê", "Nam An Phụ", "Nam Sách",
    "Thái Tân", "Trần Phú", "Hợp Tiến", "An Phú", "Thanh Hà", "Hà Tây", "Hà Bắc", "Hà Nam",
    "Hà Đông", "Mao Điền", "Cẩm Giàng", "Cẩm Giang", "Tuệ Tĩnh", "Kẻ Sặt", "Bình Giang",
    "Đường An", "Thượng Hồng", "Gia Lộc", "Yết Kiêu", "Gia Phúc", "Trường Tân", "Tứ Kỳ",
    "Tân Kỳ", "Đại Sơn", "Chí Minh", "Lạc Phượng", "Nguyên Giáp", "Ninh Giang", "Vĩnh Lại",
    "Khúc Thừa Dụ", "Tân An", "Hồng Châu", "Thanh Miện", "Bắc Thanh Miện", "Hải Hưng",
    "Nguyễn Lương Bằng", "Nam Thanh Miện", "Phú Thái", "Lai Khê", "An Thành", "Kim Thành",
]
SPECIAL_ZONES = ["Cát Hải", "Bạch Long Vĩ"]  # items 113–114


def units():
    """Yield (item, kind, name) for the 114 units, in the order of Article 1."""
    item = 0
    for kind, names in (("ward", WARDS), ("commune", COMMUNES), ("special_zone", SPECIAL_ZONES)):
        for name in names:
            item += 1
            yield item, kind, name


def _free_slug(Ward, name, kind):
    # 0005's scheme; Cẩm Giàng and Cẩm Giang fold to one slug, so the later one gets "-2".
    base = candidate = f"hai-phong-{slugify_vi(name)}-{kind}"
    n = 1
    while Ward.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _is_referenced(ward):
    """True if any row (a dossier's address, …) points at `ward`, hidden relations included."""
    for rel in ward._meta.get_fields(include_hidden=True):
        if rel.is_relation and rel.auto_created and not rel.concrete:
            if rel.related_model._default_manager.filter(**{rel.field.name: ward}).exists():
                return True
    return False


def load(apps, schema_editor):
    Province = apps.get_model("portal", "Province")
    Ward = apps.get_model("portal", "Ward")
    hai_phong = Province.objects.get(slug="hai-phong")
    current = []
    for item, kind, name in units():
        ward = Ward.objects.filter(province=hai_phong, kind=kind, name=name).first()
        if ward is None:
            ward = Ward(province=hai_phong, kind=kind, name=name, slug=_free_slug(Ward, name, kind))
        ward.sort_key = sort_key(name)
        ward.source = f"{RESOLUTION}, Điều 1 khoản {item}"
        ward.is_verified = True
        ward.save()
        current.append(ward.pk)
    for ward in Ward.objects.filter(province=hai_phong).exclude(pk__in=current):
        if _is_referenced(ward):
            ward.source, ward.is_verified = NOT_IN_RESOLUTION, False
            ward.save(update_fields=["source", "is_verified"])
        else:
            ward.delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_sort_keys_binary_order")]
    # Reversing keeps the resolution's data: 0005's draft names were never right.
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
