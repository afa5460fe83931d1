"""“Lưu và tiếp tục sau” in a browser: save half-way with one document missing, open the
mailed link in another browser, finish and send there; the link then says it was sent."""

import re

import pytest
from django.core import mail

from tests.browser.test_procedures import WIDTH, check_page, load_places
from tests.procedures.factories import (
    ProcedureFactory,
    QuestionFactory,
    RequiredDocumentFactory,
    image_bytes,
    pdf_bytes,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_resident_saves_and_finishes_on_another_device(
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
    page.goto(f"/thu-tuc/{procedure.slug}/nop-ho-so/")
    page.get_by_label("Họ, chữ đệm và tên").fill("Nguyễn Văn An")
    page.get_by_label("Số định danh cá nhân").fill("031090001234")
    page.get_by_label("Ngày sinh").fill("17/05/1990")
    page.get_by_label("Nam", exact=True).check()
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    page.get_by_label("Thư điện tử").fill("an@example.com")
    page.get_by_label("Tỉnh, thành phố").select_option(label="Thành phố Hải Phòng")
    page.get_by_label("Xã, phường, đặc khu").select_option(label="Phường An Phong")
    page.get_by_label("Số nhà, đường phố").fill("Số 1, tổ dân phố 2")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()
    page.get_by_label("Họ và tên của trẻ").fill("Nguyễn Văn Bình")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    # One document of two, then “save for later”: the missing one is why.
    page.get_by_label("Tờ khai đăng ký khai sinh").set_input_files(str(form_pdf))
    page.get_by_role("button", name="Lưu và tiếp tục sau").click()
    assert page.get_by_label("Thư điện tử nhận đường dẫn").input_value() == "an@example.com"
    assert "Đường dẫn dùng được trong 7 ngày" in page.content()
    check_page(page, axe_check, assert_clean)
    page.get_by_role("button", name="Lưu và gửi đường dẫn").click()
    page.locator("[data-draft-saved]").wait_for()
    assert "an@example.com" in page.content()
    check_page(page, axe_check, assert_clean)

    assert len(mail.outbox) == 1
    link = re.search(r"/thu-tuc/tiep-tuc/[\w-]+/", mail.outbox[0].body).group(0)

    # Another device: the same step, the answers and the file kept.
    other = browser_page(width=WIDTH)
    other.goto(link)
    assert other.url.endswith(f"/thu-tuc/{procedure.slug}/nop-ho-so/giay-to/")
    assert "Đã tải lên: to-khai.pdf" in other.content()
    check_page(other, axe_check, assert_clean)
    other.get_by_label("Giấy chứng sinh").set_input_files(str(photo))
    other.get_by_role("button", name="Tải lên và tiếp tục").click()
    other.get_by_role("checkbox").check()
    other.get_by_role("button", name="Tiếp tục", exact=True).click()
    content = other.content()
    assert "to-khai.pdf" in content and "giay-chung-sinh.png" in content
    assert "Nguyễn Văn Bình" in content
    other.get_by_role("button", name="Đồng ý và gửi hồ sơ").click()
    assert other.locator("[data-dossier-code]").inner_text().strip().startswith("H26.APH-")

    # The link is closed now, wherever it is opened.
    response = page.goto(link)
    assert response.status == 410
    assert page.locator("[data-draft-closed='sent']").count() == 1
    # The browser logs the 410 itself as a console error; anything else still fails.
    page.errors = [e for e in page.errors if "status of 410" not in e]
    check_page(page, axe_check, assert_clean)
