"""The 34 provinces and Hải Phòng's 114 commune-level units (no districts since 1/7/2025).

Provinces: Resolution 202/2025/QH15 (6 centrally-run cities and 28 provinces). Hải Phòng's
units: Article 1 of Resolution 1669/NQ-UBTVQH15 (16/6/2025), items 1–114, with the kind each
unit is given; item 115 gives the totals, 45 phường, 67 xã and 2 đặc khu. Each row's
`source` names its item ("Điều 1 khoản 24" for An Phong) so anyone can recheck it against
the signed text. Units of other provinces are not listed: the form then takes a typed name.
Idempotent (update_or_create on the slug); the reverse keeps the data.
"""

from django.db import migrations

from portal.text import slugify_vi, sort_key

PROVINCE_SOURCE = "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội"
RESOLUTION = "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"

CITIES = ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"]
PROVINCES = [
    "Tuyên Quang", "Cao Bằng", "Lai Châu", "Lào Cai", "Thái Nguyên", "Điện Biên", "Lạng Sơn",
    "Sơn La", "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên", "Ninh Bình", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Cà Mau",
]
PROVINCES = [
    "Tuyên Quang", "Cao Bằng", "Lai Châu", "Lào Cai", "Thái Nguyên", "Điện Biên", "Lạng Sơn",
    "Sơn La", "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên", "Ninh Bình", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Cà Mau",
]

# Article 1 of Resolution 1669 in its own order, so that a unit's position is its item
# number. Items 1–24 and 46–69 were formed in the former Hải Phòng city, items 25–45 and
# 70–112 in the former Hải Dương province.
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


def load(apps, schema_editor):
    Province = apps.get_model("procedures", "Province")
    Ward = apps.get_model("procedures", "Ward")
    for kind, names in (("city", CITIES), ("province", PROVINCES)):
        for name in names:
            Province.objects.update_or_create(
                slug=slugify_vi(name),
                defaults={
                    "name": name,
                    "kind": kind,
                    "sort_key": sort_key(name),
                    "source": PROVINCE_SOURCE,
                    "is_verified": True,
                },
            )
    hai_phong = Province.objects.get(slug="hai-phong")
    slugs = set()
    for item, kind, name in units():
        # Cẩm Giàng and Cẩm Giang fold to one slug: the later one gets "-2".
        base = slug = f"hai-phong-{slugify_vi(name)}-{kind}"
        n = 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        slugs.add(slug)
        Ward.objects.update_or_create(
            slug=slug,
            defaults={
                "province": hai_phong,
                "kind": kind,
                "name": name,
                "sort_key": sort_key(name),
                "source": f"{RESOLUTION}, Điều 1 khoản {item}",
                "is_verified": True,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
