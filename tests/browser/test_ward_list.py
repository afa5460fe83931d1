"""The ward list of the online form's applicant step follows the province (static/js/forms.js):
changing the province, by mouse or keyboard, resets the ward and shows the free-text ward box
only when the new province has no listed ward or "Khác" is chosen. Without JavaScript every
ward and the box show, and the server does the checking."""

import pytest

from tests.procedures.factories import ProcedureFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HA_NOI = "Thành phố Hà Nội"  # no listed wards: only Hải Phòng's are loaded
HAI_PHONG = "Thành phố Hải Phòng"
AN_PHONG = "Phường An Phong"
OTHER = "khac"


def load_places():
    """The provinces and wards of the data migration (see test_procedures.load_places)."""
    from tests.procedures.factories import load_places as load_places_data

    load_places_data()


def open_applicant_step(page):
    procedure = ProcedureFactory(name="Đăng ký khai sinh")
    page.goto(f"/thu-tuc/{procedure.slug}/nop-ho-so/")
    page.get_by_label("Tỉnh, thành phố").wait_for()
    return page


def province_of(page):
    return page.get_by_label("Tỉnh, thành phố")


def ward_of(page):
    return page.get_by_label("Xã, phường, đặc khu")


def free_text_box(page):
    return page.locator("#ward-name-field")


def visible_ward_values(page):
    """Values of the ward options a resident can pick (hidden and disabled groups excluded)."""
    return page.evaluate(
        """() => [...document.querySelector('[data-ward-select]').options]
             .filter((o) => !(o.parentNode.tagName === 'OPTGROUP'
                              && (o.parentNode.hidden || o.parentNode.disabled)))
             .map((o) => o.value)"""
    )


def choose_by_keyboard(page, label):
    """Focus the province list and move to `label` with the arrow keys, as a keyboard user."""
    province = province_of(page)
    province.focus()
    options = province.evaluate("el => [...el.options].map((o) => o.textContent.trim())")
    current = province.evaluate("el => el.selectedIndex")
    target = options.index(label)
    key = "ArrowDown" if target > current else "ArrowUp"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    assert province.evaluate("el => el.options[el.selectedIndex].textContent.trim()") == label


def choose_by_mouse(page, label):
    province = province_of(page)
    province.click()
    province.select_option(label=label)


def assert_reset_to_empty(page):
    assert ward_of(page).input_value() == ""
    assert free_text_box(page).is_hidden()


def assert_other_with_box(page):
    assert ward_of(page).input_value() == OTHER
    assert free_text_box(page).is_visible()


@pytest.fixture
def applicant_page(ward, browser_page):
    load_places()
    return open_applicant_step(browser_page(width=390))


def test_before_a_province_is_chosen_the_box_is_hidden(applicant_page, assert_clean):
    page = applicant_page
    assert_reset_to_empty(page)
    assert visible_ward_values(page) == ["", OTHER]
    assert_clean(page)


@pytest.mark.parametrize("choose", [choose_by_mouse, choose_by_keyboard], ids=["mouse", "keys"])
def test_ha_noi_then_hai_phong_resets_the_ward_and_hides_the_box(
    applicant_page, choose, assert_clean
):
    page = applicant_page
    choose(page, HA_NOI)
    # Hà Nội has no listed ward: "Khác" is its only choice and the name is typed.
    assert_other_with_box(page)
    assert visible_ward_values(page) == ["", OTHER]
    page.get_by_label("Tên xã, phường (nếu không có trong danh sách)").fill("Phường Ba Đình")

    choose(page, HAI_PHONG)
    assert_reset_to_empty(page)
    values = visible_ward_values(page)
    assert len(values) > 100 and values[0] == "" and values[-1] == OTHER

    # A listed ward keeps the box hidden; "Khác" shows it; another ward hides it again.
    ward_of(page).select_option(label=AN_PHONG)
    assert free_text_box(page).is_hidden()
    ward_of(page).select_option(OTHER)
    assert free_text_box(page).is_visible()
    ward_of(page).select_option(label=AN_PHONG)
    assert free_text_box(page).is_hidden()
    assert_clean(page)


@pytest.mark.parametrize("choose", [choose_by_mouse, choose_by_keyboard], ids=["mouse", "keys"])
def test_hai_phong_then_ha_noi_and_back(applicant_page, choose, assert_clean):
    page = applicant_page
    choose(page, HAI_PHONG)
    assert_reset_to_empty(page)
    ward_of(page).select_option(label=AN_PHONG)

    # A Hải Phòng ward cannot stand for Hà Nội: "Khác", its only choice, with the box.
    choose(page, HA_NOI)
    assert_other_with_box(page)

    # Hải Phòng again: the ward is reset, not left on "Khác".
    choose(page, HAI_PHONG)
    assert_reset_to_empty(page)

    # "Khác" chosen in Hải Phòng, then Hà Nội and back: reset each time.
    ward_of(page).select_option(OTHER)
    assert_other_with_box(page)
    choose(page, HA_NOI)
    assert_other_with_box(page)
    choose(page, HAI_PHONG)
    assert_reset_to_empty(page)
    assert_clean(page)


def test_the_form_goes_on_after_switching_provinces(applicant_page):
    page = applicant_page
    page.get_by_label("Họ, chữ đệm và tên").fill("Nguyễn Văn An")
    page.get_by_label("Số định danh cá nhân").fill("031090001234")
    page.get_by_label("Ngày sinh").fill("17/05/1990")
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    choose_by_mouse(page, HA_NOI)
    page.get_by_label("Tên xã, phường (nếu không có trong danh sách)").fill("Phường Ba Đình")
    choose_by_keyboard(page, HAI_PHONG)
    ward_of(page).select_option(label=AN_PHONG)
    page.get_by_label("Số nhà, đường phố").fill("Số 1, tổ dân phố 2")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()
    page.wait_for_url("**/giay-to/")
    # Back to the step: the saved ward is kept on load, and the box stays hidden.
    page.go_back()
    page.reload()
    assert province_of(page).evaluate("el => el.options[el.selectedIndex].textContent.trim()") == (
        HAI_PHONG
    )
    assert ward_of(page).evaluate("el => el.options[el.selectedIndex].textContent.trim()") == (
        AN_PHONG
    )
    assert free_text_box(page).is_hidden()


def test_without_javascript_every_ward_and_the_box_show(ward, _chromium, live_server):
    load_places()
    context = _chromium.new_context(
        java_script_enabled=False, base_url=live_server.url, locale="vi-VN"
    )
    try:
        page = open_applicant_step(context.new_page())
        assert free_text_box(page).is_visible()
        assert len(visible_ward_values(page)) > 100
        page.get_by_label("Họ, chữ đệm và tên").fill("Nguyễn Văn An")
        page.get_by_label("Số định danh cá nhân").fill("031090001234")
        page.get_by_label("Ngày sinh").fill("17/05/1990")
        page.get_by_label("Nam", exact=True).check()
        page.get_by_label("Số điện thoại di động").fill("0912 345 678")
        province_of(page).select_option(label=HA_NOI)
        ward_of(page).select_option(OTHER)
        page.get_by_label("Tên xã, phường (nếu không có trong danh sách)").fill("Phường Ba Đình")
        page.get_by_label("Số nhà, đường phố").fill("Số 1 phố Điện Biên Phủ")
        page.get_by_role("button", name="Tiếp tục", exact=True).click()
        page.wait_for_url("**/giay-to/")
    finally:
        context.close()
