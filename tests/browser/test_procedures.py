"""A resident's whole online journey at phone width: catalogue → form (with a validation
error and uploads) → confirmation → printable receipt → tracking. Every page is checked
for console errors, CSP violations and serious axe-core violations."""

import pytest

from tests.procedures.factories import (
    ProcedureFactory,
    QuestionFactory,
    RequiredDocumentFactory,
    image_bytes,
    pdf_bytes,
)

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the provinces and wards from the data migration survive the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTH = 390


def load_places():
    """Load the provinces and wards of the data migration again (idempotent).

    serialized_rollback cannot be relied on here: once Playwright has run in this thread,
    the connection may be a fresh object without the snapshot, and an earlier browser
    test's flush has emptied the tables. Called in the test body, after every fixture.
    """
    from tests.procedures.factories import load_places as load_places_data

    load_places_data()


def no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def check_page(page, axe_check, assert_clean):
    assert page.locator("h1").count() == 1
    no_sideways_scroll(page)
    axe_check(page)
    assert_clean(page)


def test_resident_submits_and_tracks_a_dossier(
    ward, browser_page, assert_clean, axe_check, tmp_path
):
    load_places()
    procedure = ProcedureFactory(name="Đăng ký khai sinh", processing_days=None)
    RequiredDocumentFactory(procedure=procedure, name="Tờ khai đăng ký khai sinh")
    RequiredDocumentFactory(procedure=procedure, name="Giấy chứng sinh")
    QuestionFactory(procedure=procedure, key="ten_tre", label="Họ và tên của trẻ")
    form_pdf = tmp_path / "to-khai.pdf"
    form_pdf.write_bytes(pdf_bytes())
    photo = tmp_path / "giay-chung-sinh.png"
    photo.write_bytes(image_bytes(size=(800, 600)))

    page = browser_page(width=WIDTH)
    page.goto("/thu-tuc/")
    check_page(page, axe_check, assert_clean)
    page.get_by_role("link", name="Đăng ký khai sinh").click()
    check_page(page, axe_check, assert_clean)
    page.get_by_role("button", name="Bắt đầu nộp hồ sơ").click()

    # Step 1, with a mistake first: a landline number.
    page.get_by_label("Họ, chữ đệm và tên").fill("nguyễn  văn an")
    page.get_by_label("Số định danh cá nhân").fill("031090001234")
    page.get_by_label("Ngày sinh").fill("17/05/1990")
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Số điện thoại di động").fill("0225 3123 456")
    page.get_by_label("Tỉnh, thành phố").select_option(label="Thành phố Hải Phòng")
    page.get_by_label("Xã, phường, đặc khu").select_option(label="Phường An Phong")
    page.get_by_label("Số nhà, đường phố").fill("Số 1, tổ dân phố 2")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert summary.evaluate("el => el === document.activeElement"), "focus moves to the summary"
    assert "số máy bàn" in summary.inner_text()
    assert page.get_by_label("Số định danh cá nhân").input_value() == "031090001234"
    check_page(page, axe_check, assert_clean)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_phone"
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    # Step 2: the procedure's own question.
    page.get_by_label("Họ và tên của trẻ").fill("Nguyễn Văn Bình")
    check_page(page, axe_check, assert_clean)
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    # Step 3: uploads.
    page.get_by_label("Tờ khai đăng ký khai sinh").set_input_files(str(form_pdf))
    page.get_by_label("Giấy chứng sinh").set_input_files(str(photo))
    check_page(page, axe_check, assert_clean)
    page.get_by_role("button", name="Tải lên và tiếp tục").click()

    # Step 4: consent (unticked by default).
    box = page.get_by_role("checkbox")
    assert not box.is_checked()
    check_page(page, axe_check, assert_clean)
    box.check()
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    # Check answers, then submit.
    assert "to-khai.pdf" in page.content() and "Nguyễn Văn An" in page.content()
    check_page(page, axe_check, assert_clean)
    page.get_by_role("button", name="Đồng ý và gửi hồ sơ").click()

    code = page.locator("[data-dossier-code]").inner_text().strip()
    assert code.startswith("H26.APH-")
    check_page(page, axe_check, assert_clean)

    page.get_by_role("link", name="Xem và in giấy tiếp nhận").click()
    assert page.locator(".receipt__qr svg").count() == 1
    assert code in page.content()
    check_page(page, axe_check, assert_clean)

    # Tracking from a fresh browser, by code and phone.
    other = browser_page(width=WIDTH)
    other.goto("/tra-cuu/")
    check_page(other, axe_check, assert_clean)
    other.get_by_label("Mã hồ sơ").fill(code)
    other.get_by_label("Số điện thoại đã khai khi nộp").fill("+84 912 345 678")
    other.get_by_role("button", name="Tra cứu").click()
    assert other.url.endswith("/tra-cuu/ho-so/")
    assert "Mới đăng ký" in other.content() and "0912 *** 678" in other.content()
    check_page(other, axe_check, assert_clean)
