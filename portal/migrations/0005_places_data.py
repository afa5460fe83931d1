"""The 34 provinces (Resolution 202/2025/QH15) and Hải Phòng's commune-level units.

Hải Phòng after 1/7/2025 has 114 units (45 wards, 67 communes, 2 special zones) under
Resolution 1669/NQ-UBTVQH15. Shipped here: the units formed in the former Hải Phòng city,
named as in the arrangement plan published in April 2025; only An Phong and Thủy Nguyên
were checked against the resolution's text, so the others are marked unverified. Units of
the former Hải Dương province are not listed yet: the form then takes a typed name.

Superseded for Hải Phòng by 0007_hai_phong_wards_1669, which loads all 114 units from
Article 1 of the resolution (all verified) and corrects these rows in place.
"""

from django.db import migrations

from anphong.text import slugify_vi, sort_key

PROVINCE_SOURCE = "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội"
WARD_SOURCE = "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"

CITIES = ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"]
PROVINCES = [
    "Tuyên Quang", "Cao Bằng", "Lai Châu", "Lào Cai", "Thái Nguyên", "Điện Biên", "Lạng Sơn",
    "Sơn La", "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên", "Ninh Bình", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Cà Mau",
]
HP_WARDS = [
    "An Dương", "An Hải", "An Phong", "Dương Kinh", "Hưng Đạo", "Đồ Sơn", "Nam Đồ Sơn",
    "Hải An", "Đông Hải", "Hồng Bàng", "Hồng An", "Kiến An", "Phù Liễn", "Lê Chân",
    "An Biên", "Ngô Quyền", "Gia Viên", "Thủy Nguyên", "Thiên Hương", "Hòa Bình", "Nam Triệu",
    "Bạch Đằng", "Lưu Kiếm", "Lê Ích Mộc",
]
HP_COMMUNES = [
    "An Lão", "An Hưng", "An Khánh", "An Quang", "An Trường", "Kiến Thụy", "Kiến Minh",
    "Kiến Hải", "Kiến Hưng", "Nghi Dương", "Việt Khê", "Tiên Lãng", "Quyết Thắng", "Tân Minh",
    "Tiên Minh", "Chấn Hưng", "Hùng Thắng", "Vĩnh Bảo", "Vĩnh An", "Vĩnh Hải", "Vĩnh Hòa",
    "Vĩnh Thịnh",
]
HP_SPECIAL_ZONES = ["Cát Hải", "Bạch Long Vĩ"]
VERIFIED_WARDS = {"An Phong", "Thủy Nguyên"}


def load(apps, schema_editor):
    Province = apps.get_model("portal", "Province")
    Ward = apps.get_model("portal", "Ward")
    provinces = {}
    for kind, names in (("city", CITIES), ("province", PROVINCES)):
        for name in names:
            provinces[name], _ = Province.objects.update_or_create(
                slug=slugify_vi(name),
                defaults={"name": name, "kind": kind, "sort_key": sort_key(name),
                          "source": PROVINCE_SOURCE, "is_verified": True},
            )
    hai_phong = provinces["Hải Phòng"]
    for kind, names in (("ward", HP_WARDS), ("commune", HP_COMMUNES),
                        ("special_zone", HP_SPECIAL_ZONES)):
        for name in names:
            verified = name in VERIFIED_WARDS
            Ward.objects.update_or_create(
                slug=f"hai-phong-{slugify_vi(name)}-{kind}",
                defaults={
                    "province": hai_phong, "name": name, "kind": kind, "sort_key": sort_key(name),
                    "source": WARD_SOURCE if verified else
                    WARD_SOURCE + " – tên theo phương án 4/2025, chưa đối chiếu toàn văn",
                    "is_verified": verified,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_procedures_dossiers")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
