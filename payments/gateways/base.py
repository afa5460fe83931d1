"""What the portal needs of a payment gateway, whichever it is.

A gateway builds the address the buyer is sent to for an order, verifies a notification
(the server-to-server call that alone marks a payment) into a `GatewayResult`, and formats
the answer the gateway expects to that call.
"""

import datetime as dt
from dataclasses import dataclass, field


class SignatureInvalid(Exception):
    """The notification's signature does not match its parameters (or is missing)."""


@dataclass(frozen=True, kw_only=True)
class GatewayResult:
    """A verified notification: what the gateway says happened to one order."""

    txn_ref: str
    amount: int  # VND
    success: bool
    response_code: str
    gateway_txn_no: str = ""
    bank_code: str = ""
    paid_at: dt.datetime | None = None
    params: dict = field(default_factory=dict)


class Gateway:
    """The interface every gateway implements."""

    name = ""

    def payment_url(self, *, payment, order_info, client_ip):
        """The address to send the buyer to for `payment` (an unpaid Payment)."""
        raise NotImplementedError

    def verify(self, params):
        """Check `params` (a notification or a return) and parse them into a GatewayResult.

        Raises SignatureInvalid when they were not signed by the gateway.
        """
        raise NotImplementedError

    def answer(self, code):
        """The body to answer a notification with, for an `IpnAnswer` code."""
        raise NotImplementedError
