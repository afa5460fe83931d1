"""The statement pages in a browser at phone and desktop widths: links, accessibility
statement, privacy policy and the contact page's responsible editor. No console error,
no CSP violation, no serious axe-core violation, no sideways scrolling; the footer leads
to each of them by keyboard-reachable links, and a form page's privacy link opens the
notice."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/lien-ket/", "/tuyen-bo-tiep-can/", "/chinh-sach-bao-ve-du-lieu-ca-nhan/", "/lien-he/"]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_statement_page_is_clean_and_accessible(
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


def test_the_footer_leads_to_each_statement(ward, browser_page, assert_clean):
    page = browser_page(width=1280)
    page.goto("/")
    footer = page.get_by_role("navigation", name="Thông tin về cổng")
    for name, heading in [
        ("Liên kết", "Liên kết"),
        ("Tuyên bố về khả năng tiếp cận", "Tuyên bố về khả năng tiếp cận"),
        ("Chính sách bảo vệ dữ liệu cá nhân", "Chính sách bảo vệ dữ liệu cá nhân"),
        ("Người chịu trách nhiệm chính", "Liên hệ"),
    ]:
        page.goto("/")
        footer.get_by_role("link", name=name, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == heading
    assert page.locator("[data-editor-demo]").is_visible()
    assert_clean(page)


def test_external_links_say_they_leave_the_site(ward, browser_page, assert_clean):
    page = browser_page(width=390)
    page.goto("/lien-ket/")
    link = page.get_by_role("link", name="Cổng Dịch vụ công quốc gia (chuyển sang trang web khác)")
    assert link.get_attribute("href") == "https://dichvucong.gov.vn/"
    assert "noopener" in link.get_attribute("rel")
    assert_clean(page)


def test_a_form_page_links_its_privacy_notice(ward, browser_page, assert_clean, axe_check):
    page = browser_page(width=390)
    page.goto("/tra-cuu/")
    page.locator("[data-privacy-link]").get_by_role(
        "link", name="thông báo xử lý dữ liệu cá nhân"
    ).click()
    page.wait_for_url("**/thong-bao-xu-ly-du-lieu/")
    assert page.locator("h1").count() == 1
    axe_check(page)
    assert_clean(page)
