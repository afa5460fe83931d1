"""The shell pages at phone and desktop widths: no console error, no CSP violation,
no serious accessibility violation, no horizontal scrolling on a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/gioi-thieu/", "/lien-he/"]


@pytest.mark.parametrize("width", [360, 390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_shell_page_is_clean_and_accessible(
    ward, browser_page, assert_clean, axe_check, path, width
):
    page = browser_page(width=width)
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    axe_check(page)
    assert_clean(page)


def test_phone_menu_opens_and_skip_link_works(ward, browser_page, assert_clean):
    page = browser_page(width=390)
    page.goto("/")
    nav_link = page.locator("#main-nav").get_by_role("link", name="Liên hệ")
    assert not nav_link.is_visible()
    page.get_by_role("button", name="Danh mục").click()
    nav_link.wait_for(state="visible")
    page.keyboard.press("Escape")
    page.goto("/gioi-thieu/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Chuyển đến nội dung chính")
    assert skip.evaluate("el => el === document.activeElement")
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert_clean(page)
