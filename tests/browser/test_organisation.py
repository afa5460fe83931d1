"""Journeys through the organisation pages on a phone (390 px): the chart, an organ,
the directory (printable) and the Congress page, in Vietnamese and English."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def org_demo(ward):
    call_command(
        "loaddata",
        "fixtures/demo/050_organisation.json",
        "fixtures/demo/051_congress.json",
        verbosity=0,
    )


def _no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize(
    "path", ["/to-chuc/", "/danh-ba/", "/dai-hoi/", "/lanh-dao/", "/en/to-chuc/", "/en/danh-ba/"]
)
def test_organisation_pages_on_a_phone(org_demo, browser_page, assert_clean, axe_check, path):
    page = browser_page(width=390)
    assert page.goto(path).status == 200
    assert page.locator("h1").count() == 1
    _no_sideways_scroll(page)
    axe_check(page)
    assert_clean(page)


def test_resident_finds_the_chairman_from_the_chart(org_demo, browser_page, assert_clean):
    page = browser_page(width=390)
    page.goto("/")
    page.get_by_role("button", name="Danh mục").click()
    page.locator("#main-nav").get_by_role("link", name="Tổ chức bộ máy").click()
    page.wait_for_url("**/to-chuc/")
    chart = page.locator(".org-chart")
    # The Standing Committee is nested inside the Party Committee's list item.
    party_item = chart.locator("li", has=page.get_by_role("link", name="Đảng ủy phường An Phong"))
    assert party_item.first.get_by_role("link", name="Ban Thường vụ Đảng ủy phường").count() == 1
    chart.get_by_role("link", name="Ủy ban nhân dân phường An Phong").click()
    page.wait_for_url("**/to-chuc/uy-ban-nhan-dan-phuong-an-phong/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ủy ban nhân dân phường An Phong"
    first_row = page.locator("table.org-members tbody tr").first
    assert "Lâm Văn Đạt" in first_row.inner_text()
    assert "Chủ tịch" in first_row.inner_text()
    _no_sideways_scroll(page)
    assert_clean(page)


def test_directory_prints_and_switches_to_english(org_demo, browser_page, assert_clean, axe_check):
    page = browser_page(width=390)
    # Replace the print dialog (which would block) with a marker.
    page.add_init_script("window.print = () => { window.__printed = true; };")
    page.goto("/danh-ba/")
    button = page.get_by_role("button", name="In danh bạ")
    assert button.is_visible()  # shown by our script; hidden without JavaScript
    button.click()
    assert page.evaluate("window.__printed === true")
    # Printing hides the navigation and the button, and keeps the tables.
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not button.is_visible()
    assert page.locator("table.directory-table").first.is_visible()
    page.emulate_media(media="screen")

    page.locator(".site-lang").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/danh-ba/")
    assert page.get_by_role("heading", level=1).inner_text() == "Contact directory"
    assert page.locator("html").get_attribute("lang") == "en"
    _no_sideways_scroll(page)
    axe_check(page)
    assert_clean(page)
