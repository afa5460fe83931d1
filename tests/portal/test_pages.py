"""Every public page answers, in Vietnamese, inside the layout, with one <h1>."""

import re

import pytest
from django.urls import reverse

PUBLIC_PAGES = ["portal:home", "portal:about", "portal:contact"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_answers_with_exactly_one_h1(client, ward, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<html lang="vi">' in html
    assert 'href="#main"' in html  # skip link
    assert "<main" in html and "<footer" in html and "<nav" in html


def test_home_shows_key_figures_in_vietnamese_format(client, ward):
    html = client.get("/").content.decode()
    assert "44.660" in html
    assert "27,92 km²" in html


def test_about_tells_the_founding_and_predecessor_wards(client, ward):
    html = client.get(reverse("portal:about")).content.decode()
    assert "1669/NQ-UBTVQH15" in html
    assert "16/06/2025" in html
    for name in ["Lê Thiện", "Hồng Phong", "An Hòa", "Tân Tiến", "Lê Lợi", "Đại Bản"]:
        assert name in html
    assert "Một phần diện tích và dân số" in html


def test_contact_marks_demo_values(client, ward):
    html = client.get(reverse("portal:contact")).content.decode()
    assert "Dữ liệu minh họa" in html
    assert "vanphong@anphong.example" in html


def test_contact_has_no_demo_marker_once_editor_confirms(client, ward):
    ward.contacts_are_demo = False
    ward.editor_is_demo = False  # the responsible editor's own marker (test_statements.py)
    ward.save()
    html = client.get(reverse("portal:contact")).content.decode()
    assert "Dữ liệu minh họa" not in html


def test_ward_profile_edit_shows_without_restart(client, ward):
    client.get("/")  # warm the cache
    ward.population = 45001
    ward.save()
    assert "45.001" in client.get("/").content.decode()


def test_navigation_lists_only_existing_pages(client, ward):
    html = client.get("/").content.decode()
    nav = html.split('id="main-nav"')[1].split("</nav>")[0]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs[:2] == ["/", "/gioi-thieu/"]
    assert "/lien-he/" in hrefs
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_current_page_is_marked_in_navigation(client, ward):
    html = client.get(reverse("portal:about")).content.decode()
    assert 'href="/gioi-thieu/" aria-current="page"' in html


def test_breadcrumbs_on_inner_pages(client, ward):
    html = client.get(reverse("portal:contact")).content.decode()
    assert 'class="breadcrumb"' in html
    assert 'aria-current="page">Liên hệ</li>' in html


def test_anonymous_home_makes_few_queries(client, ward, django_assert_max_num_queries):
    """The ward profile is cached: a warm anonymous page view needs no query at all."""
    client.get("/")
    with django_assert_max_num_queries(0):
        client.get("/")


def test_english_home_exists_under_prefix(client, ward):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_unprefixed_pages_stay_vietnamese_for_english_browsers(client, ward):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="vi">' in response.content.decode()


def test_cached_layout_follows_the_current_section(client, ward):
    """Header, menu and footer come from the fragment cache, keyed by the current item."""
    for url, current in [("/gioi-thieu/", "/gioi-thieu/"), ("/lien-he/", "/lien-he/")]:
        html = client.get(url).content.decode()
        nav = html.split('id="main-nav"')[1].split("</nav>")[0]
        assert re.findall(r'href="([^"]+)" aria-current="page"', nav) == [current]


def test_cached_layout_follows_the_language(client, ward):
    client.get("/")
    english = client.get("/en/").content.decode()
    nav = english.split('id="main-nav"')[1].split("</nav>")[0]
    assert 'href="/en/"' in nav and "Trang chủ" not in nav


def test_ward_name_edit_reaches_the_cached_header_and_footer_at_once(client, ward):
    client.get("/lien-he/")  # fills the fragment cache
    ward.name = "Phường An Phong (mới)"
    ward.authority = "UBND phường An Phong (mới)"
    ward.save()
    html = client.get("/lien-he/").content.decode()
    header = html.split('class="site-brand__name">')[1].split("<")[0]
    assert header == "Phường An Phong (mới)"
    assert "UBND phường An Phong (mới)" in html.split("<footer")[1]
