"""The tracking page's fees block, the pay button and the development gateway."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from payments.constants import PaymentStatus
from payments.models import Payment
from tests.payments.conftest import ipn
from tests.payments.helpers import notification, vnpay_hash

pytestmark = pytest.mark.django_db


def result_page(client):
    return client.get(reverse("procedures:tracking_result")).content.decode()


def test_outstanding_amount_and_button_on_the_tracking_page(tracked):
    html = result_page(tracked)
    assert "50.000 đồng" in html and "Nộp phí trực tuyến" in html


def test_without_a_gateway_the_page_says_pay_at_the_desk(tracked, settings):
    settings.PAYMENT_GATEWAY = ""
    html = result_page(tracked)
    assert "Nộp phí trực tuyến" not in html and "nộp tại quầy" in html


def test_a_paid_dossier_shows_its_receipt_and_no_button(tracked, order):
    ipn(tracked, notification(order))
    order.refresh_from_db()
    html = result_page(tracked)
    assert order.receipt_no in html
    assert reverse("payments:receipt", args=[order.receipt_no]) in html
    assert "Nộp phí trực tuyến" not in html


def test_pay_needs_the_tracking_session_and_a_post(client, dossier):
    assert client.get(reverse("payments:pay")).status_code == 405
    response = client.post(reverse("payments:pay"))
    assert response["Location"] == reverse("procedures:tracking")
    assert not Payment.objects.exists()


def test_pay_is_rate_limited(tracked, settings):
    settings.PORTAL_RATE_PAYMENT = "2/600"
    codes = [tracked.post(reverse("payments:pay")).status_code for _i in range(3)]
    assert codes == [302, 302, 429]


def dev_gateway_url(tracked):
    response = tracked.post(reverse("payments:pay"))
    assert response.status_code == 302
    return response["Location"]


def test_the_dev_gateway_pays_through_the_notification(tracked, dossier):
    url = dev_gateway_url(tracked)
    assert urlsplit(url).path == "/cong-thanh-toan-thu-nghiem/"
    page = tracked.get(url).content.decode()
    assert "CỔNG THANH TOÁN THỬ NGHIỆM — không trừ tiền thật" in page and "50.000" in page
    response = tracked.post(url, {"choice": "success"})
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PAID and payment.gateway == "dev"
    back = urlsplit(response["Location"])
    assert back.path == reverse("payments:return")
    html = tracked.get(response["Location"]).content.decode()
    assert payment.receipt_no in html


def test_the_dev_gateway_cancel_fails_the_order(tracked):
    url = dev_gateway_url(tracked)
    tracked.post(url, {"choice": "cancel"})
    assert Payment.objects.get().status == PaymentStatus.FAILED


def test_the_dev_gateway_refuses_a_tampered_order(tracked):
    url = dev_gateway_url(tracked)
    assert tracked.get(url.replace("vnp_Amount=5000000", "vnp_Amount=100")).status_code == 400


def test_the_dev_gateway_http_delivery_calls_the_ipn_address(tracked, settings, monkeypatch):
    """Under gunicorn the development gateway calls the IPN over HTTP, as VNPAY does."""
    settings.PAYMENT_DEV_DELIVERY = "http"
    calls = []

    class Answer:
        def __init__(self, response):
            self.response = response

        def json(self):
            return self.response.json()

    def fake_get(url, params, timeout):
        calls.append(url)
        return Answer(tracked.get(urlsplit(url).path, params))

    monkeypatch.setattr("payments.dev_gateway.requests.get", fake_get)
    tracked.post(dev_gateway_url(tracked), {"choice": "success"})
    assert calls == ["http://testserver/thanh-toan/ipn/"]
    assert Payment.objects.get().status == PaymentStatus.PAID


def test_the_dev_gateway_is_absent_with_a_real_gateway(client, settings, db):
    settings.PAYMENT_GATEWAY = "vnpay"
    settings.VNPAY_TMN_CODE, settings.VNPAY_HASH_SECRET = "ANPHONG1", "s"
    params = {"vnp_TxnRef": "x", "vnp_TmnCode": "DEVTEST0"}
    params["vnp_SecureHash"] = vnpay_hash(params, settings.PAYMENT_DEV_SECRET)
    assert client.get("/cong-thanh-toan-thu-nghiem/", params).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["vnp_Amount=%FF&vnp_SecureHash=00", "vnp_Amount=" + "9" * 5000, "a=b", ""],
)
def test_malformed_notifications_never_give_a_5xx(client, db, query):
    response = client.get(reverse("payments_ipn") + "?" + query)
    assert response.status_code == 200 and response.json()["RspCode"] == "97"


def test_a_signed_but_unreadable_amount_answers_99(client, order):
    params = notification(order)
    params["vnp_Amount"] = "12.5"
    params["vnp_SecureHash"] = vnpay_hash(params, "dev-gateway-not-a-secret")
    assert ipn(client, params)["RspCode"] == "99"
