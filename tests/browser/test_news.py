"""Reading the news as a visitor would: an article with its gallery on a phone and a
desktop, the site search, and the editor in the admin — no console error, no CSP
violation, no serious axe-core violation."""

import pytest
from django.core.management import call_command

from tests.browser.test_staff import pass_code_step

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.news_urls"),
]

CONGRESS = "Đại hội đại biểu Đảng bộ phường An Phong lần thứ I"


@pytest.fixture
def demo(ward):
    call_command("load_demo", verbosity=0)


def _no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("width", [390, 1280])
def test_read_an_article_with_its_gallery(demo, browser_page, assert_clean, axe_check, width):
    page = browser_page(width=width)
    page.goto("/tin-tuc/")
    assert page.locator("h1").inner_text() == "Tin tức"
    _no_sideways_scroll(page)
    axe_check(page)
    page.get_by_role("link", name=CONGRESS).first.click()
    page.wait_for_load_state()
    assert CONGRESS in page.locator("h1").inner_text()
    figures = page.locator(".gallery figure")
    assert figures.count() == 4
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        img = figure.locator("img")
        assert img.get_attribute("loading") == "lazy"
        img.evaluate("el => el.decode()")  # waits until the lazy image has loaded
        assert img.evaluate("el => el.naturalWidth") > 0
        assert "minh họa" in figure.locator("figcaption").inner_text()
    # The browser picked a rendition that fits the layout, not the largest one.
    chosen = figures.first.locator("img").evaluate("el => el.currentSrc")
    assert chosen.endswith(".webp")
    assert page.get_by_role("button", name="In bài viết").is_visible()
    _no_sideways_scroll(page)
    axe_check(page)
    assert_clean(page)


def test_search_from_the_header(demo, browser_page, assert_clean, axe_check):
    page = browser_page(width=1280)
    page.goto("/")
    box = page.get_by_role("searchbox", name="Tìm kiếm trên cổng")
    box.fill("ĐẠI HỘI đảng bộ")
    box.press("Enter")
    page.wait_for_url("**/tim-kiem/**")
    results = page.locator(".search-hit")
    assert results.count() >= 3
    assert page.locator(".search-hit mark").count() > 0
    axe_check(page)
    page.get_by_role("link", name=CONGRESS).first.click()
    page.wait_for_load_state()
    assert CONGRESS in page.locator("h1").inner_text()
    assert_clean(page)


def test_search_finds_a_person_and_a_procedure_on_a_phone(
    demo, browser_page, assert_clean, axe_check
):
    """People (issue 4) and procedures (issue 5) are in the site search, without diacritics."""
    page = browser_page(width=390)
    page.goto("/tim-kiem/")
    page.locator("#search-page-q").fill("le khac nguyen anh")
    page.locator("#search-page-q").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=**")
    first = page.locator(".search-hit").first
    assert "Cán bộ" in first.locator(".search-hit__kind").inner_text()
    assert "Bí thư" in first.inner_text()
    _no_sideways_scroll(page)
    axe_check(page)
    first.get_by_role("link", name="Lê Khắc Nguyên Anh").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == "Lê Khắc Nguyên Anh"

    page.goto("/tim-kiem/")
    page.locator("#search-page-q").fill("khai sinh")
    page.locator("#search-page-q").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=**")
    first = page.locator(".search-hit").first
    assert "Thủ tục hành chính" in first.locator(".search-hit__kind").inner_text()
    first.get_by_role("link", name="Đăng ký khai sinh").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == "Đăng ký khai sinh"
    assert_clean(page)


def test_search_with_no_result_says_so(demo, browser_page, assert_clean):
    page = browser_page(width=390)
    page.goto("/tim-kiem/?q=khongcogica")
    assert "Không tìm thấy kết quả nào" in page.locator("main").inner_text()
    _no_sideways_scroll(page)
    assert_clean(page)


def test_documents_register_filters(demo, browser_page, assert_clean, axe_check):
    page = browser_page(width=390)
    page.goto("/van-ban/")
    page.get_by_label("Năm ban hành").fill("năm ngoái")
    page.get_by_role("button", name="Lọc văn bản").click()
    page.wait_for_load_state()
    assert "Năm ban hành phải là một số" in page.locator("main").inner_text()
    page.get_by_label("Năm ban hành").fill("2025")
    page.get_by_role("button", name="Lọc văn bản").click()
    page.wait_for_load_state()
    assert page.locator("table tbody tr").count() >= 4
    axe_check(page)
    assert_clean(page)


def test_editor_works_under_the_csp_in_the_admin(demo, browser_page, assert_clean):
    from django.contrib.auth.models import User

    User.objects.create_superuser("bientap", "bt@example.com", "mat-khau-dai-123")
    page = browser_page(width=1280)
    page.goto("/quan-tri/login/?next=/quan-tri/congress/article/add/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("input[type=submit]").click()
    pass_code_step(page, "bientap")
    page.wait_for_url("**/congress/article/add/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.wait_for(state="visible")
    editor.click()
    page.keyboard.type("Nội dung gõ trong trình soạn thảo")
    assert "Nội dung gõ" in editor.inner_text()
    assert_clean(page)


def test_editor_menu_speaks_vietnamese(demo, browser_page, assert_clean):
    from django.contrib.auth.models import User

    User.objects.create_superuser("bientap", "bt@example.com", "mat-khau-dai-123")
    page = browser_page(width=1280)
    page.goto("/quan-tri/login/?next=/quan-tri/congress/article/add/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-dai-123")
    page.locator("input[type=submit]").click()
    pass_code_step(page, "bientap")
    page.wait_for_url("**/congress/article/add/")
    page.locator(".ProseMirror[contenteditable=true]").wait_for(state="visible")
    menu = page.locator(".prose-menubar")
    for label in ("Đoạn văn thường", "In đậm", "In nghiêng", "Chèn liên kết", "Chèn bảng"):
        button = menu.locator(f'button[title="{label}"]')
        assert button.count() >= 1, label
        assert button.first.get_attribute("aria-label") == label
    titles = menu.locator("button[title]").evaluate_all("(els) => els.map((e) => e.title)")
    assert not {"bold", "italic", "undo", "insert link"} & set(titles), titles
    # The block-type dropdown names its choices in Vietnamese too.
    options = menu.locator(".prose-menubar__option").all_inner_texts()
    assert "Tiêu đề cấp 2" in options and "Heading 2" not in options, options
    assert_clean(page)
