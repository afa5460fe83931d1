"""/dai-hoi/: the 1st Congress of the ward Party organisation (FACTS.md)."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from congress.constants import TargetUnit
from congress.models import Congress, Target
from personnel.models import Appointment

pytestmark = pytest.mark.django_db


def _main(client, path="/dai-hoi/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_congress_page_tells_the_facts(client, demo_org):
    html = _main(client)
    assert "Đại hội đại biểu Đảng bộ phường An Phong lần thứ I, nhiệm kỳ 2025–2030" in html
    assert "14/08/2025" in html
    assert "<dd>160</dd>" in html
    assert "Đoàn kết – Dân chủ – Kỷ cương – Sáng tạo – Phát triển" in html
    assert "Xây dựng Đảng là then chốt." in html
    assert html.count("<li", html.index("3 khâu đột phá"), html.index("Đại biểu khách mời")) == 3
    for guest in ["Lê Anh Quân", "Nguyễn Đình Chuyến", "Nguyễn Đức Tuấn"]:
        assert guest in html
    assert "phát biểu chỉ đạo Đại hội" in html.split("Nguyễn Đức Tuấn", 1)[1].split("</li>")[0]
    assert "Kết quả nhiệm kỳ 2020–2025" in html
    assert "15/15 chỉ tiêu" in html


def test_key_positions_come_from_the_appointment_data(client, demo_org):
    html = _main(client)
    table = html.split("Chức danh chủ chốt nhiệm kỳ 2025–2030", 1)[1].split("</table>", 1)[0]
    # The Congress appointed Party posts: Secretary, Permanent Deputy, Deputy Secretary.
    names = ["Lê Khắc Nguyên Anh", "Nguyễn Văn Phức", "Lâm Văn Đạt"]
    assert [table.index(n) for n in names] == sorted(table.index(n) for n in names)
    assert "Hội đồng nhân dân" not in table and "Ủy ban nhân dân" not in table
    assert "Dữ liệu minh họa" not in table  # only the three real people hold key posts
    # Editing an appointment changes the page: nothing is copied into the Congress record.
    Appointment.objects.filter(person__full_name="Nguyễn Văn Phức").update(is_key=False)
    assert "Nguyễn Văn Phức" not in _main(client).split("Chức danh chủ chốt", 1)[1]


def test_appointed_organs_are_listed_in_chart_order(client, demo_org):
    html = _main(client)
    section = html.split("Cơ quan và chức danh chủ chốt được chỉ định", 1)[1]
    order = [
        section.index("Đảng ủy phường An Phong"),
        section.index("Ban Thường vụ Đảng ủy phường"),
        section.index("Ủy ban Kiểm tra Đảng ủy phường"),
    ]
    assert order == sorted(order)


def test_targets_table_reads_values_in_vietnamese_format(client, demo_org):
    html = _main(client)
    table = html.split("Chỉ tiêu nhiệm kỳ 2025–2030", 1)[1].split("</table>", 1)[0]
    assert table.count("<tr id=") == 11
    assert '<tr id="chi-tieu-ho-so-truc-tuyen-toan-trinh">' in table
    row = table.split('id="chi-tieu-ket-nap-dang-vien-moi"', 1)[1].split("</tr>")[0]
    assert ">3,5%/năm<" in row
    assert ">97,5%<" in table and ">97,4%<" in table and ">95%<" in table
    poor = table.split('id="chi-tieu-ho-ngheo"', 1)[1].split("</tr>")[0]
    assert ">0<" in poor and "giảm nghèo bền vững" in poor


def test_target_values_in_english_use_a_decimal_point(client, demo_org):
    html = _main(client, "/en/dai-hoi/")
    assert ">3.5%/year<" in html
    assert ">97.5%<" in html
    assert "Targets of the term 2025–2030" in html
    assert "Health insurance coverage" in html


@pytest.mark.parametrize(
    ("value", "unit", "vi", "en"),
    [
        ("100.00", TargetUnit.PERCENT, "100%", "100%"),
        ("3.50", TargetUnit.PERCENT_PER_YEAR, "3,5%/năm", "3.5%/year"),
        ("3", TargetUnit.COUNT, "3", "3"),
        ("0.00", TargetUnit.COUNT, "0", "0"),
        ("1250", TargetUnit.COUNT, "1250", "1250"),
    ],
)
def test_target_display_value(value, unit, vi, en):
    target = Target(target_value=Decimal(value), unit=unit)
    with translation.override("vi"):
        assert str(target.display_value()) == vi
    with translation.override("en"):
        assert str(target.display_value()) == en


def test_links_to_news_and_documents(client, demo_org):
    html = _main(client)
    for name in ("congress:article_list", "congress:document_list"):
        assert f'href="{reverse(name)}"' in html


def test_no_congress_answers_404(client, db, ward):
    assert client.get("/dai-hoi/").status_code == 404


def test_the_latest_congress_is_shown(client, demo_org):
    first = Congress.objects.get()
    Congress.objects.create(
        number=2,
        name="Đại hội lần thứ II (thử)",
        term=first.term,
        held_on=first.held_on.replace(year=first.held_on.year + 5),
        delegates=170,
    )
    html = _main(client)
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Đại hội lần thứ II (thử)"]
    assert first.name not in html  # the first Congress is no longer the one shown
    assert "<dd>170</dd>" in html
