"""The look-up page without JavaScript, its JSON end-point and the forms that link to it."""

import re

import pytest
from django.urls import reverse

from addresses.models import OldUnit
from tests.procedures.factories import ProcedureFactory
from tests.procedures.journey import step_url

pytestmark = pytest.mark.django_db

URL = "/tra-cuu-dia-chi-cu/"


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def test_the_page_answers_with_one_h1_and_cites_the_resolution(client, ward):
    assert reverse("addresses:lookup") == URL
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    assert "1669/NQ-UBTVQH15" in html
    assert "datafiles.chinhphu.vn" in html
    assert "114 đơn vị hành chính cấp xã" in html
    assert "Chưa có dữ liệu của các tỉnh, thành phố khác" in html


def test_each_submit_narrows_the_next_list(client, ward):
    html = client.get(URL).content.decode()
    assert 'name="tinh"' in html and 'name="huyen"' not in html
    html = client.get(URL, {"tinh": "Thành phố Hải Phòng"}).content.decode()
    assert 'name="huyen"' in html and 'name="xa"' not in html
    assert ">Quận An Dương</option>" in html and "Huyện Gia Lộc" not in html
    html = client.get(
        URL, {"tinh": "Thành phố Hải Phòng", "huyen": "Quận An Dương"}
    ).content.decode()
    assert 'name="xa"' in html
    assert ">Phường Hồng Phong</option>" in html and ">Phường Quán Toan</option>" not in html
    unit = OldUnit.objects.get(name="Hồng Phong", district="Quận An Dương")
    html = client.get(
        URL, {"tinh": "Thành phố Hải Phòng", "huyen": "Quận An Dương", "xa": unit.pk}
    ).content.decode()
    assert "Toàn bộ phường Hồng Phong cũ nay thuộc <strong>phường An Phong</strong>" in html
    assert "Điều 1 khoản 24" in html


def test_a_district_from_another_province_is_dropped_not_an_error(client, ward):
    unit = OldUnit.objects.get(name="Hồng Phong", district="Quận An Dương")
    response = client.get(URL, {"tinh": "Tỉnh Hải Dương", "huyen": "Quận An Dương", "xa": unit.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert ">Huyện Gia Lộc</option>" in html
    assert "Kết quả" not in html


def test_a_split_ward_says_so_plainly(client, ward):
    html = client.get(URL, {"q": "dai ban"}).content.decode()
    assert (
        "Phường Đại Bản cũ được chia cho 2 đơn vị mới:\n      phường Hồng An, phường An Phong, "
        "tùy theo địa chỉ cụ thể (tổ dân phố, thôn)." in html
    )
    assert "Điều 1 khoản 9" in html and "Điều 1 khoản 24" in html


def test_free_text_search_keeps_what_was_typed_and_says_when_nothing_matches(client, ward):
    html = client.get(URL, {"q": "Không Có Xã Này"}).content.decode()
    assert 'value="Không Có Xã Này"' in html
    assert "Không thấy đơn vị cũ nào có tên “Không Có Xã Này”" in html


def test_the_json_end_point(client, ward):
    data = client.get(reverse("addresses:lookup_json"), {"q": "le loi"}).json()
    by_district = {r["old"]["district"]: r for r in data["results"]}
    an_duong = by_district["Quận An Dương"]
    assert an_duong["split"] is True
    assert [n["name"] for n in an_duong["new"]] == ["An Dương", "An Hải", "An Phong"]
    assert [n["item"] for n in an_duong["new"]] == [22, 23, 24]
    assert by_district["Thành phố Chí Linh"]["new"][0]["full_name"] == "phường Trần Hưng Đạo"
    assert data["resolution_url"].endswith("1669-nq.signed.pdf")
    unit = OldUnit.objects.get(name="An Hòa", district="Quận An Dương")
    one = client.get(reverse("addresses:lookup_json"), {"xa": unit.pk}).json()["results"]
    assert one[0]["split"] is False and one[0]["new"][0]["share"] == "toàn bộ"
    assert client.get(reverse("addresses:lookup_json")).json()["results"] == []


def test_the_json_answer_is_served_from_the_page_cache(client, ward, django_assert_num_queries):
    """Typed look-ups repeat: the second identical request costs no query."""
    url = reverse("addresses:lookup_json")
    client.get(url, {"q": "hong phong"})
    with django_assert_num_queries(0):
        response = client.get(url, {"q": "hong phong"})
    assert response["X-Page-Cache"] == "hit"


def test_the_english_page_exists(client, ward):
    response = client.get("/en" + URL)
    assert response.status_code == 200
    assert h1_count(response.content.decode()) == 1


def test_the_feedback_form_links_to_the_look_up(client, ward):
    html = client.get(reverse("feedback:submit")).content.decode()
    assert f'href="{URL}" target="_blank" rel="noopener"' in html
    assert "Địa chỉ cũ trước 1/7/2025? Tra cứu đơn vị mới" in html


def test_the_applicant_step_offers_the_look_up(client, ward):
    procedure = ProcedureFactory(name="Đăng ký khai sinh")
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    html = client.get(step_url(procedure, "nguoi-nop")).content.decode()
    assert f'href="{URL}" target="_blank" rel="noopener"' in html
    assert 'data-json-url="/tra-cuu-dia-chi-cu/du-lieu.json"' in html
    # The inline panel is hidden until the script shows it; the script is a file (CSP).
    assert "data-old-address-panel hidden" in html
    assert "/static/addresses/lookup.js" in html


def test_the_sitemap_lists_the_page(client, db):
    body = client.get("/sitemap-pages.xml").content.decode()
    assert f"<loc>http://testserver{URL}</loc>" in body


@pytest.mark.parametrize(
    "query",
    ["tinh=%00", "q=" + "a" * 500, "xa=99999999999999999999", "xa=%C2%B2", "q=%ff%fe", "xa=-1"],
)
def test_odd_queries_never_give_a_server_error(client, ward, query):
    for url in [URL, reverse("addresses:lookup_json"), "/en" + URL]:
        assert client.get(f"{url}?{query}").status_code < 500, (url, query)
