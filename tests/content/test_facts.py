"""What the portal states as fact is the fact sheet's, figure for figure and word for word.

The fact sheet is shared/FACTS.md, outside this repository (CI clones only the repository),
so its figures are copied below. When FACTS.md changes, change these tables with it.
Everything the sheet does not know (addresses, hours, duties, terms of the People's
Council) is either absent or marked as demo data.
"""

import re
from datetime import date

import pytest

from demo.dossiers import _century_sex_digit
from demo.news_content import ARTICLES, DOCUMENTS
from personnel.models import Appointment, Person
from portal.models import PredecessorWard, WardProfile
from procedures.constants import Sex
from procedures.validators import check_id_number_matches

pytestmark = pytest.mark.django_db

# FACTS.md, "The ward", "The Party organisation", "The 1st Congress" and "Results of the
# term 2020–2025", in Vietnamese number format.
FACT_FIGURES = {
    "27,92",  # area, km²
    "44.660",  # population
    "1.129",  # party members
    "51",  # chi bộ / đảng bộ trực thuộc
    "160",  # delegates
    "15/15",  # resolution targets met or exceeded
    "175",  # new party members
    "12%",  # budget revenue growth a year
    "14%",  # growth of product value (giá trị sản phẩm)
    "90",  # average income, million VND per person per year
    "94%",  # cultured residential groups
    "100%",  # lower-secondary graduation; policy households "khá" or better; online intake
    "93%",  # trained labour
    "99,5%",  # residents (dân) using clean water
    "98%",  # employment
    "81,4%",  # crime clearance rate
    "03",  # "03 khâu đột phá", as the guest praised them
    "3",  # three breakthroughs; typhoon No. 3
    "4",  # OCOP products to the 4-star standard
    "2024",  # typhoon Yagi
}
# FACTS.md, "Targets of the term 2025–2030".
FACT_TARGETS = {
    "to-chuc-dang-thuc-hien-nghi-quyet": "100%",
    "ket-nap-dang-vien-moi": "3,5%/năm",
    "thanh-lap-to-chuc-dang-moi": "3",
    "ho-so-truc-tuyen-toan-trinh": "95%",
    "can-bo-dat-chuan-ky-nang-so": "100%",
    "bao-hiem-y-te": "97,5%",
    "bao-hiem-xa-hoi": "98%",
    "truong-hoc-da-nang-thong-minh": "100%",
    "gia-dinh-van-hoa": "98%",
    "to-dan-pho-van-hoa": "97,4%",
    "ho-ngheo": "0",
}
FACT_TARGET_FIGURES = {"3,5%", "3", "95%", "97,5%", "98%", "97,4%", "100%", "0"}
# Resolution 1669 dated 16/6/2025; the new government from 1/7/2025; the Congress 14/8/2025.
FACT_DATES = {(16, 6, 2025), (1, 7, 2025), (14, 8, 2025)}
FACT_TERMS = {"2020–2025", "2025–2030"}
RESOLUTION = "1669/NQ-UBTVQH15"
ARTICLE = "Điều 1 khoản 24"  # of Resolution 1669: the article that forms An Phong
ALLOWED = FACT_FIGURES | FACT_TARGET_FIGURES

# Phrasings that changed what the seed says, and Party organ names without the ward's.
WRONG = [
    "bằng hoặc cao hơn mức trung bình",  # the seed: "mức sống khá trở lên"
    "giá trị sản xuất",  # the seed: "giá trị sản phẩm"
    "hộ dùng nước sạch",  # the seed: 99,5% of residents (dân), not households
    "doanh nghiệp tư nhân",  # the seed: "doanh nghiệp ngoài nhà nước"
    "bốn nhóm nhiệm vụ",  # the guest praised the 03 khâu đột phá, then gave directions
    "đột phá chiến lược",  # "khâu đột phá"
    "huyện An Dương",  # a quận since 1/1/2025; a huyện has no phường
    "Đại hội xác định mục tiêu “Phát huy truyền thống",  # the organisation's motto
    "chủ trì Hội đồng nhân dân",
    "trong số liệu",  # "An Phong qua những con số"
    "Trung tâm phục vụ hành chính công",  # "Trung tâm Phục vụ hành chính công"
    "Cổng thông tin điện tử Phường",
    "Đảng ủy phường</",
    "Đảng bộ phường</",
]
RIGHT_ON_CONGRESS_PAGE = [
    "giá trị sản phẩm tăng 14%",
    "99,5% người dân sử dụng nước sạch",
    "mức sống khá trở lên",
    "doanh nghiệp ngoài nhà nước",
    "3 khâu đột phá",
]

_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_TERM = re.compile(r"\b20\d\d–20\d\d\b")
_RESOLUTION = re.compile(r"\b\d+/NQ-[\wĐ]+")
_ARTICLE = re.compile(r"Điều \d+ khoản \d+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:/\d+)?%?")


def _text(html):
    """The visible text of `html`: no tags, no <time> (publication times are not facts)."""
    html = re.sub(r"<time\b.*?</time>", " ", html, flags=re.S)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def figures(text):
    """Every figure stated in `text`, after checking its dates, terms and resolutions."""
    for day, month, year in _DATE.findall(text):
        assert (int(day), int(month), int(year)) in FACT_DATES, f"{day}/{month}/{year}"
    text = _DATE.sub(" ", text)
    assert set(_TERM.findall(text)) <= FACT_TERMS, _TERM.findall(text)
    text = _TERM.sub(" ", text)
    assert set(_RESOLUTION.findall(text)) <= {RESOLUTION}, _RESOLUTION.findall(text)
    text = _RESOLUTION.sub(" ", text).replace("Covid-19", "Covid")
    assert set(_ARTICLE.findall(text)) <= {ARTICLE}, _ARTICLE.findall(text)
    text = _ARTICLE.sub(" ", text)
    return set(_NUMBER.findall(text))


def _section(html, start, end):
    return html.split(start, 1)[1].split(end, 1)[0]


@pytest.fixture
def demo_content(demo_org):
    """The ward, organisation, Congress and the demo articles, as `make run` loads them."""
    from demo import news

    news.load()


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return _section(response.content.decode(), "<main", "</main>").split(">", 1)[1]


def test_the_figures_helper_catches_a_changed_figure():
    assert figures("99,5% người dân; 1.129 đảng viên; 14/8/2025") == {"99,5%", "1.129"}
    assert figures("99% người dân") - ALLOWED == {"99%"}
    with pytest.raises(AssertionError):
        figures("ngày 15/8/2025")
    with pytest.raises(AssertionError):
        figures("nhiệm kỳ 2020–2026")


def test_home_page_states_only_fact_sheet_figures(client, demo_content):
    html = _page(client, "/")
    assert "An Phong qua những con số" in html
    key = _text(_section(html, 'id="figures-title"', "</section>"))
    # 6: the two whole wards and the four parts of Resolution 1669 Art. 1 item 24.
    assert figures(key) == {"27,92", "44.660", "6"}
    assert figures(_text(html)) - ALLOWED <= {"6"}
    assert "Cổng thông tin điện tử phường An Phong" in html


def test_about_page_states_only_fact_sheet_figures(client, demo_content):
    html = _page(client, "/gioi-thieu/")
    assert figures(_text(html)) - ALLOWED == set()
    for fact in ["27,92 km²", "44.660", RESOLUTION, "16/06/2025", "01/07/2025", "100%"]:
        assert fact in html
    assert "Trung tâm Phục vụ hành chính công" in html


def test_congress_page_states_only_fact_sheet_figures(client, demo_content):
    html = _page(client, "/dai-hoi/")
    article = _section(html, '<article class="congress">', "</article>")
    # The targets table numbers its rows; the row number is not a figure.
    article = re.sub(r'(<tr id="chi-tieu-[^"]+">\s*)<td>\d+</td>', r"\1", article)
    # Each target's chart repeats the table's figures in its description; its axis labels
    # (0%, 80%, 100%, a month) are a scale, not statements.
    article = re.sub(r"<svg\b.*?</svg>", " ", article, flags=re.S)
    stated = figures(_text(article))
    assert stated - ALLOWED == set()
    for figure in ["1.129", "51", "160", "15/15", "175", "12%", "14%", "90", "94%"]:
        assert figure in stated
    for figure in ["93%", "99,5%", "98%", "81,4%"]:
        assert figure in stated
    for code, value in FACT_TARGETS.items():
        row = _section(article, f'id="chi-tieu-{code}"', "</tr>")
        assert f">{value}<" in row, code
    for phrase in RIGHT_ON_CONGRESS_PAGE:
        assert phrase in article, phrase


@pytest.mark.parametrize("path", ["/", "/gioi-thieu/", "/dai-hoi/", "/lanh-dao/"])
def test_wrong_phrasings_are_gone(client, demo_content, path):
    html = _page(client, path)
    for phrase in WRONG:
        assert phrase not in html, phrase


def test_demo_articles_state_only_fact_sheet_figures():
    for slug, _cat, title, summary, _published, _featured, body, gallery in ARTICLES:
        text = " ".join([title, summary, _text(body), *(c for _s, c, _a in gallery)])
        assert figures(text) - ALLOWED == set(), slug
        for phrase in WRONG:
            assert phrase not in text, (slug, phrase)
    for slug, *_rest, summary, _illustrative, _related in DOCUMENTS:
        assert figures(summary) - ALLOWED <= {"11"}, slug  # 11 targets in the table above
        for phrase in WRONG:
            assert phrase not in summary, (slug, phrase)


def test_only_an_hoa_and_hong_phong_joined_whole(client, ward):
    """Resolution 1669/NQ-UBTVQH15 Art. 1 item 24: two whole wards, four remaining parts."""
    scopes = dict(PredecessorWard.objects.values_list("name", "scope"))
    assert scopes == {
        "Phường An Hòa": "whole",
        "Phường Hồng Phong": "whole",
        "Phường Đại Bản": "part",
        "Phường Lê Thiện": "part",
        "Phường Tân Tiến": "part",
        "Phường Lê Lợi": "part",
    }
    html = _page(client, "/gioi-thieu/")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", html)
    assert len(rows) == 6
    whole = {name for name, cells in rows if "Toàn bộ" in cells}
    assert whole == {"Phường An Hòa", "Phường Hồng Phong"}
    # FACTS.md: wards of quận An Dương (a quận since 1/1/2025). The published list of its
    # ten wards has these five, not Đại Bản, which the seed article places in quận Hồng Bàng.
    districts = {name: re.findall(r"<td>(.*?)</td>", cells)[0] for name, cells in rows}
    assert districts == {
        "Phường An Hòa": "quận An Dương cũ",
        "Phường Hồng Phong": "quận An Dương cũ",
        "Phường Đại Bản": "quận Hồng Bàng cũ",
        "Phường Lê Thiện": "quận An Dương cũ",
        "Phường Tân Tiến": "quận An Dương cũ",
        "Phường Lê Lợi": "quận An Dương cũ",
    }
    intro = " ".join(WardProfile.load().introduction_paragraphs())
    assert "toàn bộ diện tích tự nhiên và dân số của hai phường An Hòa, Hồng Phong" in intro
    assert "phần còn lại của bốn phường Đại Bản, Lê Thiện, Tân Tiến, Lê Lợi" in intro


def test_what_no_source_gives_is_absent_or_marked_demo(client, demo_org):
    ward = WardProfile.load()
    assert "Thứ Bảy" not in ward.office_hours and "minh họa" in ward.office_hours
    assert ward.contacts_are_demo
    # What each real leader is in charge of is not known: nothing is stated.
    assert not Person.objects.filter(is_demo=False).exclude(duties="").exists()
    # People's Council, People's Committee and Front posts: their term is not known.
    state = Appointment.objects.exclude(organ__kind="party").select_related("term")
    assert state.exists() and all(a.term.is_demo for a in state)
    html = _page(client, "/lanh-dao/")
    anh = _section(html, "Lê Khắc Nguyên Anh", "</li>\n  </ul>")
    council = _section(anh, "Hội đồng nhân dân phường An Phong", "</li>")
    assert "Dữ liệu minh họa" in council


def test_demo_id_numbers_pass_the_portals_century_rule():
    """The demo applicants are born 1955–2004: those born from 2000 need the digit 2 or 3."""
    for year in range(1955, 2005):
        for sex in (Sex.MALE, Sex.FEMALE):
            birth = date(year, 6, 15)
            id_number = f"031{_century_sex_digit(birth, sex)}{year % 100:02d}000001"
            check_id_number_matches(id_number, birth, sex)
