"""The data migration loads Resolution 1669/NQ-UBTVQH15 Art. 1 as the source states it."""

import csv

import pytest

from addresses import loader, selectors
from addresses.constants import NewKind, Share
from addresses.models import Mapping, NewUnit, OldUnit

pytestmark = pytest.mark.django_db


def test_the_migration_loads_every_new_unit_item_115_counts():
    # Item 115: "thành phố Hải Phòng có 114 đơn vị hành chính cấp xã, gồm 67 xã, 45 phường
    # và 02 đặc khu".
    assert NewUnit.objects.count() == 114
    assert NewUnit.objects.filter(kind=NewKind.COMMUNE).count() == 67
    assert NewUnit.objects.filter(kind=NewKind.WARD).count() == 45
    assert NewUnit.objects.filter(kind=NewKind.SPECIAL_ZONE).count() == 2
    assert sorted(NewUnit.objects.values_list("item", flat=True)) == list(range(1, 115))


def test_every_former_unit_of_both_provinces_is_mapped():
    assert OldUnit.objects.count() == 375  # 374 communes + huyện Bạch Long Vĩ (item 114)
    assert not OldUnit.objects.filter(mappings__isnull=True).exists()
    assert set(OldUnit.objects.values_list("province", flat=True)) == {
        "Thành phố Hải Phòng",
        "Tỉnh Hải Dương",
    }


def test_an_phong_is_item_24_as_the_fact_sheet_says():
    an_phong = NewUnit.objects.get(name="An Phong")
    assert (an_phong.kind, an_phong.item) == (NewKind.WARD, 24)
    shares = {m.old.name: m.share for m in an_phong.mappings.select_related("old")}
    assert shares == {
        "An Hòa": Share.WHOLE,
        "Hồng Phong": Share.WHOLE,
        "Đại Bản": Share.REMAINDER,
        "Lê Thiện": Share.REMAINDER,
        "Tân Tiến": Share.REMAINDER,
        "Lê Lợi": Share.REMAINDER,
    }
    # The other parts went to Hồng An (item 9) and An Dương, An Hải (items 22, 23).
    tan_tien = OldUnit.objects.get(name="Tân Tiến", district="Quận An Dương")
    assert sorted(tan_tien.new_units.values_list("item", flat=True)) == [9, 22, 24]
    assert Mapping.objects.get(old=tan_tien, new=an_phong).remainder_after == "9 22"


def test_a_whole_unit_goes_to_one_new_unit_and_a_split_one_to_several():
    for unit in OldUnit.objects.prefetch_related("mappings"):
        shares = [m.share for m in unit.mappings.all()]
        if Share.WHOLE in shares:
            assert shares == [Share.WHOLE], unit
        else:
            assert len(shares) >= 2, unit


def test_same_named_units_are_told_apart_by_district():
    # Item 5: phường Minh Đức of Thủy Nguyên; item 18: phường Minh Đức (quận Đồ Sơn).
    minh_duc = {
        u.district: [n.name for n in u.new_units.all()]
        for u in OldUnit.objects.filter(name="Minh Đức", kind="phường")
    }
    assert minh_duc == {"Thành phố Thủy Nguyên": ["Bạch Đằng"], "Quận Đồ Sơn": ["Nam Đồ Sơn"]}
    # xã Long Xuyên (Bình Giang) is item 86 only; phường Long Xuyên (Kinh Môn) item 40.
    assert [n.name for n in OldUnit.objects.get(kind="xã", name="Long Xuyên").new_units.all()] == [
        "Bình Giang"
    ]


def test_loading_again_changes_nothing():
    before = (NewUnit.objects.count(), OldUnit.objects.count(), Mapping.objects.count())
    loader.load(new_unit_model=NewUnit, old_unit_model=OldUnit, mapping_model=Mapping)
    assert (NewUnit.objects.count(), OldUnit.objects.count(), Mapping.objects.count()) == before


def test_the_data_file_matches_the_database():
    with open(loader.DATA_FILE, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == Mapping.objects.count() == 451


def test_split_detection_and_area_only_shares():
    dai_ban = selectors.describe(selectors.search("Đại Bản")[0])
    assert dai_ban["is_split"] and dai_ban["items"] == [9, 24]
    an_hoa = selectors.describe(OldUnit.objects.get(name="An Hòa", district="Quận An Dương"))
    assert not an_hoa["is_split"] and an_hoa["items"] == [24]
    # Item 6 takes "một phần diện tích tự nhiên của xã Quang Trung (thành phố Thủy Nguyên)".
    quang_trung = OldUnit.objects.get(name="Quang Trung", district="Thành phố Thủy Nguyên")
    assert selectors.describe(quang_trung)["has_area_only"]


def test_search_ignores_diacritics_case_and_the_kind_word():
    for text in ["le thien", "LÊ THIỆN", "phường Lê Thiện", "xa le thien"]:
        assert [u.name for u in selectors.search(text)] == ["Lê Thiện"], text
    assert selectors.search("   ") == []
    # Exact names come first.
    assert selectors.search("an hoa")[0].name == "An Hòa"
