"""The log-in code step in a browser: enrolment with the QR code under the CSP, a wrong code,
the recovery codes, then the admin; the code pages pass axe-core."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.test_counter import axe
from tests.staff.factories import STAFF_PASSWORD, UserFactory
from tests.staff.otp import current_code, wrong_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_first_log_in_enrols_the_app(ward, browser_page, assert_clean, axe_check):
    user = UserFactory(superuser=True, username="quantri")
    page = browser_page(width=1280)
    page.goto("/quan-tri/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/quan-tri/ma-xac-thuc/dang-ky/\?next=%2Fquan-tri%2F$"))
    qr = page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")
    assert qr.locator("svg").bounding_box()["width"] >= 100
    assert_clean(page)
    axe(page, axe_check)

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    field = page.get_by_label("Mã 6 chữ số trong ứng dụng")
    field.fill(wrong_code(device))
    page.get_by_role("button", name="Xác nhận").click()
    assert "Mã không đúng" in page.locator("#content-main").inner_text()
    assert_clean(page)

    page.wait_for_timeout(1100)  # the device waits a second after a wrong code
    field.fill(current_code(device))
    page.get_by_role("button", name="Xác nhận").click()
    assert page.locator("ol.otp-codes li").count() == 10
    assert_clean(page)
    axe(page, axe_check)
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    page.wait_for_url("**/quan-tri/")
    page.get_by_role("link", name="Xác thực hai lớp").click()
    assert "Còn 10 mã dự phòng chưa dùng" in page.locator("#content-main").inner_text()
    assert_clean(page)
