"""A resident signs in with the (development) identity provider in a real browser: the
button, the provider's page, back to the portal with his name, the form filled from the
provider, "Hồ sơ của tôi", and the log-out at both ends."""

import pytest
from django.utils.csp import CSP

from anphong.settings.env import origin_of
from tests.browser.test_procedures import check_page
from tests.procedures.factories import ProcedureFactory, RequiredDocumentFactory, load_places

pytestmark = [
    pytest.mark.browser,
    pytest.mark.oidc,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def provider(oidc_provider, live_server, settings):
    for name, value in oidc_provider.portal_env.items():
        setattr(settings, name, value)
    # As the settings derive it from OIDC_DISCOVERY_URL at start-up (OIDC_FORM_ACTION_ORIGINS).
    settings.SECURE_CSP = {
        **settings.SECURE_CSP,
        "form-action": [CSP.SELF, origin_of(oidc_provider.discovery_url)],
    }
    oidc_provider.allow_redirect(f"{live_server.url}/tai-khoan/dang-nhap/xong/")
    oidc_provider.allow_post_logout_redirect(f"{live_server.url}/")
    return oidc_provider


def test_a_resident_signs_in_and_the_form_knows_him(
    ward, provider, live_server, browser_page, assert_clean, axe_check
):
    load_places()
    procedure = ProcedureFactory(name="Chứng thực bản sao", processing_days=None)
    RequiredDocumentFactory(procedure=procedure, name="Bản chính giấy tờ")
    claims = provider.citizens[provider.normal_user]

    page = browser_page(width=390)
    page.goto("/")
    page.get_by_role("link", name="Đăng nhập bằng định danh điện tử").click()
    # The provider's own page, marked as a test provider.
    page.wait_for_url(f"{provider.base_url}/**")
    assert "THỬ NGHIỆM" in page.content()
    page.fill("#id_username", provider.normal_user)
    page.fill("#id_password", provider.password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()

    # Back on the page he left, signed in, with his name in the confirmation.
    page.get_by_role("link", name="Hồ sơ của tôi").wait_for()
    # What the provider's own pages logged (it has no favicon) is not the portal's.
    page.errors.clear()
    assert claims["name"] in page.content()
    page.get_by_role("link", name="Hồ sơ của tôi").click()
    page.wait_for_url("**/tai-khoan/ho-so-cua-toi/")
    check_page(page, axe_check, assert_clean)

    page.goto(f"/thu-tuc/{procedure.slug}/nop-ho-so/")
    name = page.get_by_label("Họ, chữ đệm và tên")
    assert name.input_value() == claims["name"]
    assert name.is_disabled()
    assert page.get_by_label("Số định danh cá nhân").input_value() == claims["citizen_id"]
    check_page(page, axe_check, assert_clean)

    page.get_by_role("button", name="Đăng xuất").click()
    # Out of the provider too (RP-initiated log-out), then back on the portal's home page.
    page.wait_for_url(lambda url: url.startswith(f"{live_server.url}/?"))
    page.get_by_role("link", name="Đăng nhập bằng định danh điện tử").wait_for()
