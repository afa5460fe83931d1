"""VNPAY's payment protocol (payment API 2.1.0), and the development gateway that speaks it.

The protocol, as VNPAY documents it (https://sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html):

- The merchant sends the buyer to VNPAY's payment page with vnp_Version=2.1.0,
  vnp_Command=pay, vnp_TmnCode, vnp_Amount (VND × 100), vnp_CurrCode=VND, vnp_TxnRef (the
  merchant's unique order reference), vnp_OrderInfo, vnp_OrderType, vnp_Locale,
  vnp_ReturnUrl, vnp_IpAddr, vnp_CreateDate and vnp_ExpireDate (yyyyMMddHHmmss, GMT+7).
- Signing: the vnp_* parameters sorted by name, each key and value URL-encoded
  (quote_plus), joined as key=value with "&"; vnp_SecureHash is the hex HMAC-SHA512 of that
  text under the terminal's hash secret, appended to the query.
- After payment VNPAY sends the buyer back to vnp_ReturnUrl (for display only) and calls
  the merchant's IPN address (GET) with the result (vnp_Amount, vnp_TxnRef,
  vnp_ResponseCode, vnp_TransactionStatus, vnp_TransactionNo, vnp_BankCode, vnp_PayDate…),
  signed the same way over every vnp_* parameter but vnp_SecureHash and
  vnp_SecureHashType. The merchant answers JSON {"RspCode", "Message"}. Success is
  vnp_ResponseCode "00" and vnp_TransactionStatus "00".

Configured only by the environment (VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_PAYMENT_URL,
VNPAY_RETURN_URL or SITE_URL). `DevGateway` is the same protocol with a known secret and
the portal's own test page (`payments.dev_gateway`) in place of VNPAY's: no money moves.
"""

import datetime as dt
import hashlib
import hmac
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from payments.constants import IpnAnswer
from payments.gateways.base import Gateway, GatewayResult, SignatureInvalid

VERSION = "2.1.0"
GMT7 = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"
HASH_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")
SUCCESS = "00"


def canonical(params):
    """The text VNPAY signs: vnp_* parameters but the hash, sorted, quote_plus-encoded."""
    items = sorted(
        (str(key), str(value))
        for key, value in params.items()
        if str(key).startswith("vnp_") and key not in HASH_FIELDS and value is not None
    )
    return "&".join(f"{quote_plus(key)}={quote_plus(value)}" for key, value in items)


def sign(params, secret):
    return hmac.new(
        secret.encode("utf-8"), canonical(params).encode("utf-8"), hashlib.sha512
    ).hexdigest()


def format_date(moment):
    return moment.astimezone(GMT7).strftime(DATE_FORMAT)


def parse_date(text):
    try:
        return dt.datetime.strptime(text, DATE_FORMAT).replace(tzinfo=GMT7)
    except (TypeError, ValueError):
        return None


def site_url(name):
    """The absolute address of a portal view, in Vietnamese (the address VNPAY keeps)."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse(name)


class VnpayGateway(Gateway):
    name = "vnpay"

    def __init__(self, *, tmn_code, hash_secret, payment_page, return_url):
        self.tmn_code = tmn_code
        self.hash_secret = hash_secret
        self.payment_page = payment_page
        self.return_url = return_url

    @classmethod
    def from_settings(cls):
        return cls(
            tmn_code=settings.VNPAY_TMN_CODE,
            hash_secret=settings.VNPAY_HASH_SECRET,
            payment_page=settings.VNPAY_PAYMENT_URL,
            return_url=settings.VNPAY_RETURN_URL or site_url("payments:return"),
        )

    def order_params(self, *, payment, order_info, client_ip):
        """The signed parameters of the payment request."""
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(payment.amount * 100),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.txn_ref,
            "vnp_OrderInfo": order_info,
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": self.return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": format_date(payment.created_at),
            "vnp_ExpireDate": format_date(payment.expires_at),
        }
        params["vnp_SecureHash"] = sign(params, self.hash_secret)
        return params

    def payment_url(self, *, payment, order_info, client_ip):
        params = self.order_params(payment=payment, order_info=order_info, client_ip=client_ip)
        query = canonical(params) + "&vnp_SecureHash=" + params["vnp_SecureHash"]
        return f"{self.payment_page}?{query}"

    def check_signature(self, params):
        received = str(params.get("vnp_SecureHash", "")).lower()
        expected = sign(params, self.hash_secret)
        if not received or not hmac.compare_digest(received.encode(), expected.encode()):
            raise SignatureInvalid("vnp_SecureHash does not match")
        if params.get("vnp_TmnCode") != self.tmn_code:
            raise SignatureInvalid("vnp_TmnCode is not this terminal's")

    def verify(self, params):
        """Parse a signed result; ValueError for a signed but unreadable amount."""
        self.check_signature(params)
        raw_amount = int(params.get("vnp_Amount", ""))
        if raw_amount < 0 or raw_amount % 100:
            raise ValueError("vnp_Amount is not a whole number of dong")
        response_code = params.get("vnp_ResponseCode", "")
        return GatewayResult(
            txn_ref=params.get("vnp_TxnRef", ""),
            amount=raw_amount // 100,
            success=response_code == SUCCESS and params.get("vnp_TransactionStatus") == SUCCESS,
            response_code=response_code,
            gateway_txn_no=params.get("vnp_TransactionNo", "")[:40],
            bank_code=params.get("vnp_BankCode", "")[:20],
            paid_at=parse_date(params.get("vnp_PayDate", "")),
            params=dict(params),
        )

    def answer(self, code):
        code = IpnAnswer(code)
        return {"RspCode": code.value, "Message": code.label}


class DevGateway(VnpayGateway):
    """THE DEVELOPMENT GATEWAY: VNPAY's protocol against the portal's own test page.

    For `make run` and the tests only (PAYMENT_GATEWAY=dev). Nothing is charged: the test
    page (`payments.dev_gateway`) lets the developer choose success or cancellation, signs
    the result with PAYMENT_DEV_SECRET and delivers it to the same notification handler
    VNPAY's call reaches.
    """

    name = "dev"
    TMN_CODE = "DEVTEST0"

    @classmethod
    def from_settings(cls):
        with translation.override(settings.LANGUAGE_CODE):
            return cls(
                tmn_code=cls.TMN_CODE,
                hash_secret=settings.PAYMENT_DEV_SECRET,
                # Paths, not addresses: the browser stays on whatever host serves the portal.
                payment_page=reverse("payments_dev:gateway"),
                return_url=reverse("payments:return"),
            )

    def result_params(self, order, *, success, now=None):
        """The signed result VNPAY would send for the order request `order` (its params)."""
        now = now or timezone.now()
        expired = (parse_date(order.get("vnp_ExpireDate", "")) or now) < now
        code = "00" if success and not expired else ("11" if expired else "24")
        params = {
            "vnp_Amount": order.get("vnp_Amount", ""),
            "vnp_BankCode": "DEVBANK",
            "vnp_CardType": "ATM",
            "vnp_OrderInfo": order.get("vnp_OrderInfo", ""),
            "vnp_PayDate": format_date(now),
            "vnp_ResponseCode": code,
            "vnp_TmnCode": self.tmn_code,
            "vnp_TransactionNo": f"{now:%H%M%S}{order.get('vnp_TxnRef', '')[-4:]}",
            "vnp_TransactionStatus": "00" if code == "00" else "02",
            "vnp_TxnRef": order.get("vnp_TxnRef", ""),
        }
        params["vnp_SecureHash"] = sign(params, self.hash_secret)
        return params
