import unicodedata

import pytest

from portal.text import fold, name_sort_key, nfc, slugify_vi, sort_key


def test_nfc_normalises_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "  Lê   Khắc\tNguyên Anh ")
    assert nfc(decomposed) == "Lê Khắc Nguyên Anh"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


@pytest.mark.parametrize(
    "text", ["dai hoi", "ĐẠI HỘI", "Đại hội", unicodedata.normalize("NFD", "Đại hội")]
)
def test_fold_ignores_case_and_diacritics(text):
    assert fold(text) == "dai hoi"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đại hội Đảng bộ phường An Phong lần thứ I", "dai-hoi-dang-bo-phuong-an-phong-lan-thu-i"),
        ("Chuyển đổi số: 95% hồ sơ toàn trình!", "chuyen-doi-so-95-ho-so-toan-trinh"),
        ("Ưu tiên – ổn định", "uu-tien-on-dinh"),
    ],
)
def test_slugify_vi(title, slug):
    assert slugify_vi(title) == slug


def test_slugify_vi_cuts_on_a_word_boundary():
    # "nghi-quyet-nghi-quyet-nghi-quyet" would be 32 characters: the last word goes whole.
    assert slugify_vi("Nghị quyết " * 20, max_length=30) == "nghi-quyet-nghi-quyet-nghi"


def test_sort_key_puts_d_stroke_after_d_and_tones_in_order():
    words = ["Đạt", "Dũng", "Anh", "Ân", "Ăn", "Bình", "a", "à", "ả", "ã", "á", "ạ"]
    ordered = sorted(words, key=sort_key)
    assert ordered.index("Dũng") < ordered.index("Đạt")
    assert ordered.index("Anh") < ordered.index("Ăn") < ordered.index("Ân") < ordered.index("Bình")
    assert [w for w in ordered if len(w) == 1] == ["a", "à", "ả", "ã", "á", "ạ"]


def test_name_sort_key_sorts_by_given_name():
    names = ["Nguyễn Văn Phức", "Lâm Văn Đạt", "Lê Khắc Nguyên Anh", "Trần Văn Dũng"]
    assert sorted(names, key=name_sort_key) == [
        "Lê Khắc Nguyên Anh",
        "Trần Văn Dũng",
        "Lâm Văn Đạt",
        "Nguyễn Văn Phức",
    ]


def test_name_sort_key_compares_each_part_whole():
    """Ha < Hả decides before the family names are compared."""
    assert name_sort_key("Đỗ Thị Ha") < name_sort_key("Bùi Thị Hả")
    assert sort_key("Ha") < sort_key("Hả") < sort_key("Hai")
