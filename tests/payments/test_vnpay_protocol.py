"""The VNPAY adapter against the published protocol (payment API 2.1.0), with every
signature computed in the test from the documented rule."""

import datetime as dt
from urllib.parse import parse_qsl, urlsplit
from zoneinfo import ZoneInfo

import pytest

from payments.gateways import SignatureInvalid
from payments.gateways.vnpay import VnpayGateway, sign
from payments.models import Payment
from tests.payments.helpers import vnpay_hash

SECRET = "TESTSECRETKEY0123456789ABCDEFGHIJ"
VN = ZoneInfo("Asia/Ho_Chi_Minh")

# A result as VNPAY sends it, and its hash computed once by hand (hmac/hashlib, quote_plus).
KNOWN = {
    "vnp_Amount": "5000000",
    "vnp_BankCode": "NCB",
    "vnp_OrderInfo": "Nop phi ho so H26.APH-260301-0001",
    "vnp_PayDate": "20260301101500",
    "vnp_ResponseCode": "00",
    "vnp_TmnCode": "ANPHONG1",
    "vnp_TransactionNo": "14831393",
    "vnp_TransactionStatus": "00",
    "vnp_TxnRef": "AP2603010A1B2C3D4E",
}
KNOWN_HASH = (
    "462f1aa63719d6be3d288ab46d88a2b98cf64f799d4a4a603696e1a48a3522274e211f5c8659053e3d"
    "3861696e250645c28826fbe1ad196336f957571c4c2015"
)


def gateway():
    return VnpayGateway(
        tmn_code="ANPHONG1",
        hash_secret=SECRET,
        payment_page="https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
        return_url="https://anphong.example/thanh-toan/ket-qua/",
    )


def test_the_known_vector():
    assert vnpay_hash(KNOWN, SECRET) == KNOWN_HASH
    assert sign(KNOWN, SECRET) == KNOWN_HASH
    # The hash fields themselves are never part of what is signed.
    assert sign({**KNOWN, "vnp_SecureHash": "x", "vnp_SecureHashType": "SHA512"}, SECRET) == (
        KNOWN_HASH
    )


def test_payment_url_carries_the_documented_parameters_signed():
    payment = Payment(
        amount=50000,
        txn_ref="AP2603010A1B2C3D4E",
        created_at=dt.datetime(2026, 3, 1, 3, 0, tzinfo=dt.UTC),
        expires_at=dt.datetime(2026, 3, 1, 3, 15, tzinfo=dt.UTC),
    )
    url = gateway().payment_url(
        payment=payment, order_info="Nop phi ho so H26 & co", client_ip="203.0.113.5"
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    )
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert params == {
        "vnp_Version": "2.1.0",
        "vnp_Command": "pay",
        "vnp_TmnCode": "ANPHONG1",
        "vnp_Amount": "5000000",  # VND × 100
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": "AP2603010A1B2C3D4E",
        "vnp_OrderInfo": "Nop phi ho so H26 & co",
        "vnp_OrderType": "other",
        "vnp_Locale": "vn",
        "vnp_ReturnUrl": "https://anphong.example/thanh-toan/ket-qua/",
        "vnp_IpAddr": "203.0.113.5",
        "vnp_CreateDate": "20260301100000",  # GMT+7
        "vnp_ExpireDate": "20260301101500",
        "vnp_SecureHash": params["vnp_SecureHash"],
    }
    assert params["vnp_SecureHash"] == vnpay_hash(params, SECRET)
    # The query is the signed text itself: sorted, quote_plus-encoded.
    signed_text = parts.query.rsplit("&vnp_SecureHash=", 1)[0]
    keys = [pair.split("=")[0] for pair in signed_text.split("&")]
    assert keys == sorted(keys)
    assert "vnp_OrderInfo=Nop+phi+ho+so+H26+%26+co" in signed_text


def test_verify_accepts_an_independently_signed_result():
    params = {**KNOWN, "vnp_SecureHash": KNOWN_HASH, "vnp_SecureHashType": "HmacSHA512"}
    result = gateway().verify(params)
    assert (result.txn_ref, result.amount, result.success) == ("AP2603010A1B2C3D4E", 50000, True)
    assert (result.gateway_txn_no, result.bank_code) == ("14831393", "NCB")
    assert result.paid_at == dt.datetime(2026, 3, 1, 10, 15, tzinfo=VN)


def test_verify_accepts_the_hash_in_capitals():
    gateway().verify({**KNOWN, "vnp_SecureHash": KNOWN_HASH.upper()})


@pytest.mark.parametrize(
    "change",
    [
        {"vnp_Amount": "500000000"},
        {"vnp_TxnRef": "AP2603010A1B2C3D4F"},
        {"vnp_ResponseCode": "24"},
        {"vnp_Extra": "1"},
    ],
)
def test_any_changed_parameter_breaks_the_signature(change):
    with pytest.raises(SignatureInvalid):
        gateway().verify({**KNOWN, **change, "vnp_SecureHash": KNOWN_HASH})


def test_missing_hash_or_other_secret_or_terminal_is_refused():
    with pytest.raises(SignatureInvalid):
        gateway().verify(dict(KNOWN))
    other = {**KNOWN, "vnp_SecureHash": vnpay_hash(KNOWN, "another-secret")}
    with pytest.raises(SignatureInvalid):
        gateway().verify(other)
    foreign = {**KNOWN, "vnp_TmnCode": "OTHER001"}
    foreign["vnp_SecureHash"] = vnpay_hash(foreign, SECRET)
    with pytest.raises(SignatureInvalid):
        gateway().verify(foreign)


def test_success_needs_both_codes():
    params = {**KNOWN, "vnp_TransactionStatus": "02"}
    params["vnp_SecureHash"] = vnpay_hash(params, SECRET)
    assert gateway().verify(params).success is False


def test_answer_format():
    assert gateway().answer("97") == {"RspCode": "97", "Message": "Invalid Checksum"}
    assert gateway().answer("00") == {"RspCode": "00", "Message": "Confirm Success"}


def test_vnpay_is_configured_from_settings(settings):
    settings.VNPAY_TMN_CODE = "ANPHONG1"
    settings.VNPAY_HASH_SECRET = SECRET
    settings.VNPAY_RETURN_URL = ""
    settings.SITE_URL = "https://anphong.example"
    gw = VnpayGateway.from_settings()
    assert (gw.tmn_code, gw.hash_secret) == ("ANPHONG1", SECRET)
    assert gw.return_url == "https://anphong.example/thanh-toan/ket-qua/"
