"""Places data: the 34 provinces and Hải Phòng's 114 units of Resolution 1669/NQ-UBTVQH15."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.db.models import Count

from portal.text import nfc
from procedures.models import Province, Ward
from tests.procedures.factories import load_places

pytestmark = pytest.mark.django_db

AN_PHONG_SOURCE = (
    "Nghị quyết 1669/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội, Điều 1 khoản 24"
)
MIGRATION = "0002_places"
migration = import_module(f"procedures.migrations.{MIGRATION}")


def hai_phong_units():
    return Ward.objects.filter(province__slug="hai-phong")


def test_hai_phong_has_the_114_units_of_the_resolution():
    assert hai_phong_units().count() == 114
    by_kind = dict(hai_phong_units().order_by().values_list("kind").annotate(n=Count("pk")))
    # Article 1, item 115: 67 xã, 45 phường and 02 đặc khu.
    assert by_kind == {"ward": 45, "commune": 67, "special_zone": 2}


def test_units_formed_from_the_former_hai_duong_province_are_listed():
    for kind, name in [
        ("ward", "Hải Dương"),
        ("ward", "Chí Linh"),
        ("ward", "Kinh Môn"),
        ("commune", "Nam Sách"),
        ("commune", "Thanh Hà"),
        ("commune", "Cẩm Giàng"),
        ("commune", "Bình Giang"),
        ("commune", "Gia Lộc"),
        ("commune", "Tứ Kỳ"),
        ("commune", "Ninh Giang"),
        ("commune", "Thanh Miện"),
        ("commune", "Kim Thành"),
    ]:
        assert hai_phong_units().filter(kind=kind, name=name, is_verified=True).exists(), name


def test_an_phong_is_a_verified_ward_naming_its_item():
    an_phong = hai_phong_units().get(name="An Phong")
    assert an_phong.kind == "ward" and an_phong.is_verified is True
    assert an_phong.source == AN_PHONG_SOURCE


def test_every_unit_names_its_source_and_every_item_is_loaded_once():
    assert (Province.objects.count(), Ward.objects.count()) == (34, 114)
    assert not Province.objects.filter(source="").exists()
    assert not Ward.objects.filter(source="").exists()
    items = []
    for ward in hai_phong_units():
        assert ward.is_verified, ward
        match = re.fullmatch(r"Nghị quyết 1669/NQ-UBTVQH15 .+, Điều 1 khoản (\d+)", ward.source)
        assert match, ward.source
        items.append(int(match[1]))
    assert sorted(items) == list(range(1, 115))


def test_no_duplicate_units_and_names_are_nfc():
    duplicates = (
        Ward.objects.order_by()
        .values("province", "kind", "name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()
    names = list(Ward.objects.values_list("name", flat=True))
    assert len(names) == 114
    assert [n for n in names if nfc(n) != n] == []
    # Two communes whose names differ only by a tone mark fold to one slug: both are kept.
    slugs = dict(
        hai_phong_units().filter(name__in=["Cẩm Giàng", "Cẩm Giang"]).values_list("name", "slug")
    )
    assert slugs == {
        "Cẩm Giàng": "hai-phong-cam-giang-commune",
        "Cẩm Giang": "hai-phong-cam-giang-commune-2",
    }


def test_draft_names_of_the_april_plan_are_gone():
    names = set(hai_phong_units().values_list("name", flat=True))
    assert "Vĩnh An" not in names  # a draft name; the resolution has Vĩnh Am and Vĩnh Thuận
    assert {"Vĩnh Am", "Vĩnh Thuận", "Nguyễn Bỉnh Khiêm"} <= names
    assert not [n for n in names if re.search(r"\d", n)]  # no "Hồng Bàng 1"-style names


def test_loader_is_idempotent_and_corrects_rows_in_place():
    an_phong = hai_phong_units().get(name="An Phong")
    Ward.objects.filter(pk=an_phong.pk).update(source="phương án 4/2025", is_verified=False)
    before = dict(hai_phong_units().values_list("slug", "pk"))
    migration.load(apps, None)
    migration.load(apps, None)
    assert dict(hai_phong_units().values_list("slug", "pk")) == before
    an_phong.refresh_from_db()
    assert an_phong.is_verified is True
    assert an_phong.source == AN_PHONG_SOURCE


def test_reload_after_a_flush_gives_the_resolutions_units():
    """The conftest reloads places when a transactional test's flush emptied the tables;
    the reload must end with the resolution's 114 units, not a draft list."""
    Ward.objects.all().delete()
    Province.objects.all().delete()
    load_places()
    assert Province.objects.count() == 34
    assert hai_phong_units().count() == 114
    assert not hai_phong_units().filter(is_verified=False).exists()
