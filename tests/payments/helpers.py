"""VNPAY signatures computed here from the documented rule, independently of the adapter."""

import hashlib
import hmac
from urllib.parse import quote_plus

from django.conf import settings
from django.utils import timezone


def vnpay_hash(params, secret):
    """hex HMAC-SHA512 over the vnp_* parameters but the hash, sorted, quote_plus-encoded."""
    data = "&".join(
        f"{quote_plus(key)}={quote_plus(str(value))}"
        for key, value in sorted(params.items())
        if key.startswith("vnp_") and key not in ("vnp_SecureHash", "vnp_SecureHashType")
    )
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def notification(payment, *, amount=None, code="00", status=None, txn_no="14831393", **extra):
    """A signed IPN query for `payment` as the development gateway's terminal would send it."""
    params = {
        "vnp_Amount": str((payment.amount if amount is None else amount) * 100),
        "vnp_BankCode": "NCB",
        "vnp_OrderInfo": "Nop phi",
        # Paid now (Vietnam time), as the gateway reports it: receipt numbers follow the
        # year of the payment, so a fixed date would split one test's sequence at New Year.
        "vnp_PayDate": timezone.localtime().strftime("%Y%m%d%H%M%S"),
        "vnp_ResponseCode": code,
        "vnp_TmnCode": "DEVTEST0",
        "vnp_TransactionNo": txn_no,
        "vnp_TransactionStatus": status or ("00" if code == "00" else "02"),
        "vnp_TxnRef": payment.txn_ref,
        **extra,
    }
    params["vnp_SecureHash"] = vnpay_hash(params, settings.PAYMENT_DEV_SECRET)
    return params
