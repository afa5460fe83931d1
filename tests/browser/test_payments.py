"""A resident pays a dossier's fee online: tracking page → "Nộp phí trực tuyến" → the
development gateway → success → back on the portal with the receipt number, and the
receipt on the tracking page. The development gateway hands its notification over in the
process (PAYMENT_DEV_DELIVERY=inprocess): the live server answers one request at a time."""

import pytest

from payments.models import Payment
from tests.procedures.factories import DossierFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_resident_pays_the_fee_on_the_development_gateway(ward, browser_page, assert_clean):
    from tests.procedures.factories import load_places

    load_places()
    dossier = DossierFactory(fee_due=50000)

    page = browser_page(width=390)
    page.goto("/tra-cuu/")
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_role("button", name="Tra cứu").click()
    page.get_by_role("heading", name=f"Hồ sơ {dossier.code}").wait_for()
    assert "50.000 đồng" in page.locator("[data-outstanding]").inner_text()
    assert_clean(page)

    page.get_by_role("button", name="Nộp phí trực tuyến").click()
    page.locator("[data-dev-gateway]").wait_for()
    assert "không trừ tiền thật" in page.locator("[data-dev-gateway]").inner_text()
    assert "50.000" in page.locator("[data-amount]").inner_text()
    assert_clean(page)
    page.get_by_role("button", name="Thanh toán thành công").click()

    page.locator("[data-payment-paid]").wait_for()
    payment = Payment.objects.get()
    assert payment.status == "paid"
    assert page.locator("[data-receipt-no]").inner_text() == payment.receipt_no
    assert page.locator("h1").count() == 1
    assert_clean(page)

    page.get_by_role("link", name="Về trang theo dõi hồ sơ").click()
    payments = page.locator("[data-payments]")
    assert payment.receipt_no in payments.inner_text()
    assert "0 đồng" in page.locator("[data-outstanding]").inner_text()
    assert page.get_by_role("button", name="Nộp phí trực tuyến").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải biên lai (PDF)").click()
    assert download.value.suggested_filename == f"bien-lai-{payment.receipt_no}.pdf"
    assert_clean(page)
