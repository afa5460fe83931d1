"""Payment gateways: the interface (`base`), VNPAY (`vnpay`) and the development gateway.

`get_gateway()` returns the one PAYMENT_GATEWAY names, or None when online payment is off.
"""

from django.conf import settings

from payments.gateways.base import Gateway, GatewayResult, SignatureInvalid

__all__ = ["Gateway", "GatewayResult", "SignatureInvalid", "get_gateway"]


def get_gateway():
    from payments.gateways.vnpay import DevGateway, VnpayGateway

    name = settings.PAYMENT_GATEWAY
    if name == "vnpay":
        return VnpayGateway.from_settings()
    if name == "dev":
        return DevGateway.from_settings()
    return None
