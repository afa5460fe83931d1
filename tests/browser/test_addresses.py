"""The old-address look-up in a browser: the page's narrowing form and search at phone
width, and the applicant step's inline panel (static/addresses/lookup.js), which fills
nothing until the resident presses "Dùng tên này". Each state is checked for console
errors, CSP violations and serious axe-core violations."""

import pytest

from addresses import loader
from addresses.models import Mapping, NewUnit, OldUnit
from tests.browser.test_procedures import check_page
from tests.browser.test_ward_list import load_places, open_applicant_step, province_of, ward_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def load_addresses():
    """The data migration's rows, again if a transactional test's flush removed them."""
    loader.load(new_unit_model=NewUnit, old_unit_model=OldUnit, mapping_model=Mapping)


def test_the_look_up_narrows_step_by_step_and_searches(ward, browser_page, assert_clean, axe_check):
    load_addresses()
    page = browser_page(width=390)
    page.emulate_media(reduced_motion="reduce")
    page.goto("/tra-cuu-dia-chi-cu/")
    check_page(page, axe_check, assert_clean)

    page.get_by_label("Tỉnh, thành phố trước 1/7/2025").select_option(label="Thành phố Hải Phòng")
    page.get_by_role("button", name="Chọn tỉnh, thành phố").click()
    page.get_by_label("Quận, huyện, thị xã, thành phố cũ").select_option(label="Quận An Dương")
    page.get_by_role("button", name="Xem phường, xã, thị trấn").click()
    page.get_by_label("Phường, xã, thị trấn cũ", exact=True).select_option(label="Phường Lê Thiện")
    page.get_by_role("button", name="Tra cứu").click()
    result = page.locator(".address-result")
    assert result.count() == 1
    text = " ".join(result.inner_text().split())
    assert "Phường Lê Thiện cũ được chia cho 2 đơn vị mới: phường Hồng An, phường An Phong" in text
    assert "tùy theo địa chỉ cụ thể (tổ dân phố, thôn)" in text
    check_page(page, axe_check, assert_clean)

    page.get_by_label("Tên phường, xã, thị trấn cũ").fill("hong phong")
    page.get_by_role("button", name="Tìm đơn vị cũ").click()
    page.get_by_role("heading", name="Kết quả").wait_for()
    assert "Toàn bộ phường Hồng Phong cũ nay thuộc phường An Phong" in " ".join(
        page.locator(".address-result").first.inner_text().split()
    )
    assert page.get_by_label("Tên phường, xã, thị trấn cũ").input_value() == "hong phong"
    check_page(page, axe_check, assert_clean)


def test_the_applicant_panel_shows_the_new_ward_and_fills_only_on_request(
    ward, browser_page, assert_clean, axe_check
):
    load_places()
    load_addresses()
    page = browser_page(width=390)
    # Buttons fade their colours on hover (Bootstrap): axe must not sample mid-fade.
    page.emulate_media(reduced_motion="reduce")
    page = open_applicant_step(page)
    link = page.get_by_role("link", name="Địa chỉ cũ trước 1/7/2025? Tra cứu đơn vị mới")
    assert link.get_attribute("target") == "_blank"
    box = page.get_by_label("Tên phường, xã, thị trấn cũ")
    box.fill("an hoa")
    box.press("Enter")  # searches; does not submit the applicant form
    status = page.locator("[data-old-address-status]")
    status.filter(has_text="Tìm thấy").wait_for()
    assert "/nop-ho-so/" in page.url and page.locator("[data-error-summary]").count() == 0
    results = page.locator("[data-old-address-results]")
    whole = "Toàn bộ phường An Hòa cũ nay thuộc phường An Phong (Điều 1 khoản 24)."
    assert whole in results.inner_text()
    # Nothing is filled until asked.
    assert province_of(page).input_value() == "" and ward_of(page).input_value() == ""
    check_page(page, axe_check, assert_clean)

    results.get_by_role("button", name="Dùng tên này: Phường An Phong").first.click()
    assert province_of(page).evaluate("el => el.options[el.selectedIndex].textContent.trim()") == (
        "Thành phố Hải Phòng"
    )
    assert ward_of(page).evaluate("el => el.options[el.selectedIndex].textContent.trim()") == (
        "Phường An Phong"
    )
    assert "Đã chọn Phường An Phong" in status.inner_text()

    box.fill("dai ban")
    page.get_by_role("button", name="Tra cứu", exact=True).click()
    results.filter(has_text="được chia cho 2 đơn vị mới").wait_for()
    assert "Phường Đại Bản cũ được chia cho 2 đơn vị mới: phường Hồng An, phường An Phong" in (
        results.inner_text()
    )
    check_page(page, axe_check, assert_clean)
