"""The term targets in a browser: the Congress page, /thong-ke/ and a target's own page,
on a phone and a desktop; each chart drawn, nothing scrolls sideways, axe-core clean."""

import pytest
from django.core.management import call_command

from demo import targets as demo_targets
from tests.congress.factories import ensure_term_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def targets_demo(ward):
    ensure_term_targets()  # a flush by an earlier transactional test removes them
    call_command(
        "loaddata",
        "fixtures/demo/050_organisation.json",
        "fixtures/demo/051_congress.json",
        verbosity=0,
    )
    demo_targets.load()


def _no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def _charts_are_drawn(page, section_id):
    charts = page.locator(f"section[aria-labelledby={section_id}] svg[role=img]")
    assert charts.count() == 11
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 80
        # The target line is drawn in every chart, and described for screen readers.
        assert charts.nth(i).locator("line.target-chart__target").count() == 1
        desc = charts.nth(i).get_attribute("aria-describedby")
        assert "mục tiêu" in page.locator(f"[id='{desc}']").text_content()


@pytest.mark.parametrize("width", [390, 1280])
def test_congress_page_targets(targets_demo, browser_page, assert_clean, axe_check, width):
    page = browser_page(width=width)
    assert page.goto("/dai-hoi/").status == 200
    heading = page.get_by_role("heading", name="Chỉ tiêu nhiệm kỳ 2025–2030")
    assert heading.count() == 1
    _charts_are_drawn(page, "chi-tieu")
    # Demo values are marked where they are shown.
    row = page.locator("#chi-tieu-bao-hiem-y-te")
    assert "Dữ liệu minh họa" in row.inner_text()
    _no_sideways_scroll(page)
    axe_check(page)
    assert_clean(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_statistics_page_targets(targets_demo, browser_page, assert_clean, axe_check, width):
    page = browser_page(width=width)
    assert page.goto("/thong-ke/").status == 200
    _charts_are_drawn(page, "thong-ke-chi-tieu")
    _no_sideways_scroll(page)
    axe_check(page)
    assert_clean(page)


def test_a_resident_opens_one_target(targets_demo, browser_page, assert_clean, axe_check):
    page = browser_page(width=390)
    page.goto("/dai-hoi/")
    page.locator("#chi-tieu-to-dan-pho-van-hoa").get_by_role("link").click()
    page.wait_for_url("**/dai-hoi/chi-tieu/to-dan-pho-van-hoa/")
    assert page.locator("h1").inner_text() == "Tổ dân phố đạt danh hiệu tổ dân phố văn hóa"
    assert "94%" in page.locator(".congress-facts").inner_text()
    assert page.locator("table tbody tr").count() == 2
    _no_sideways_scroll(page)
    axe_check(page)
    assert_clean(page)
