"""Reading the ward's disclosures as a resident would: the index, a category page with its
missing periods, an entry with its file, the feed link and the site search — each page
axe-clean, without console errors or CSP violations, on a phone and a desktop."""

import pytest

from demo import disclosure as demo_disclosure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(ward):
    demo_disclosure.load()


def _no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("width", [390, 1280])
def test_read_the_disclosures(demo, browser_page, assert_clean, axe_check, width):
    page = browser_page(width=width)
    page.goto("/cong-khai/")
    assert page.locator("h1").inner_text() == "Công khai thông tin"
    assert page.locator("link[type='application/rss+xml']").count() >= 1
    _no_sideways_scroll(page)
    axe_check(page)

    page.get_by_role("link", name="Tình hình thực hiện dự toán ngân sách theo quý").click()
    page.wait_for_load_state()
    assert "theo quý" in page.locator("h1").inner_text()
    periods = page.locator(".disclosure-period")
    assert periods.count() >= 2
    # Quý IV/2025 has no demo entry: it is shown missing, in words.
    missing = page.locator(".disclosure-period.is-missing", has_text="Quý IV/2025")
    assert "Chưa công khai" in missing.inner_text()
    filled = page.locator(".disclosure-period", has_text="Quý III/2025")
    assert "Dữ liệu minh họa" in filled.inner_text()
    assert "đã hết thời hạn niêm yết" in filled.inner_text()
    _no_sideways_scroll(page)
    axe_check(page)

    title = "Tình hình thực hiện dự toán ngân sách quý III năm 2025"
    filled.get_by_role("link", name=title, exact=True).click()
    page.wait_for_load_state()
    assert "quý III năm 2025" in page.locator("h1").inner_text()
    assert page.locator(".alert-warning .demo-badge").is_visible()
    link = page.get_by_role("link", name="(bản minh họa)")
    assert link.count() == 1
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    axe_check(page)
    assert_clean(page)


def test_an_entry_still_posted_says_until_when(demo, browser_page, assert_clean, axe_check):
    page = browser_page(width=1280)
    page.goto("/cong-khai/du-an-dau-tu/")
    text = page.locator("main").inner_text()
    assert "đang niêm yết đến" in text
    axe_check(page)
    assert_clean(page)


def test_find_a_disclosure_from_the_site_search(demo, browser_page, assert_clean, axe_check):
    page = browser_page(width=1280)
    page.goto("/tim-kiem/?q=quy+dat+cong+ich")
    title = "Kế hoạch quản lý, sử dụng quỹ đất công ích do phường quản lý"
    link = page.get_by_role("link", name=title, exact=True)
    assert link.count() == 1
    axe_check(page)
    link.click()
    page.wait_for_load_state()
    assert "quỹ đất công ích" in page.locator("h1").inner_text()
    assert_clean(page)
