"""The admin works under the enforced Content Security Policy, in Vietnamese."""

import pytest

from tests.browser.test_staff import pass_code_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_login_and_ward_profile_form_under_csp(ward, browser_page, assert_clean):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("editor", "", "mat-khau-rat-dai-2025")
    page = browser_page(width=1280)
    page.goto("/quan-tri/")
    assert "Quản trị" in page.title()
    page.get_by_label("Tên đăng nhập").fill("editor")
    page.get_by_label("Mật khẩu").fill("mat-khau-rat-dai-2025")
    page.get_by_role("button", name="Đăng nhập").click()
    pass_code_step(page, "editor")
    page.wait_for_url("**/quan-tri/")
    page.goto("/quan-tri/portal/wardprofile/1/change/")
    assert page.get_by_label("Tên phường").input_value() == "Phường An Phong"
    page.get_by_label("Dân số (người)").fill("44700")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url("**/quan-tri/portal/wardprofile/")
    assert_clean(page)
    page.goto("/")
    assert "44.700" in page.content()
