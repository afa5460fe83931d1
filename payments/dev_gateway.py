"""THE DEVELOPMENT GATEWAY's page: a stand-in for VNPAY's payment page, no real money.

Mounted only when PAYMENT_GATEWAY=dev (`make run`, the tests). It receives the order
exactly as VNPAY would (signed query, checked with the same code), shows a banner that
says it is a test, and on "Thanh toán thành công" or "Huỷ" signs the result in VNPAY's
format with PAYMENT_DEV_SECRET, delivers the notification, then sends the browser to the
order's return address with the same signed parameters.

Delivery (`deliver_notification`) follows PAYMENT_DEV_DELIVERY:
- "http": a real GET of the portal's IPN address, as VNPAY makes it (gunicorn, runserver);
- "inprocess": the same signed parameters handed to `services.handle_notification`, the
  very function the IPN view calls, so signature, amount and replay checks are the same.
  The browser tests need it: their live server answers one request at a time, and a call
  back into it from inside a request would wait for ever.
"""

import logging
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from payments import services
from payments.gateways import SignatureInvalid, get_gateway
from payments.gateways.vnpay import DevGateway

logger = logging.getLogger(__name__)

# Seconds the "http" delivery waits for the portal's answer.
DELIVERY_TIMEOUT = 10


def ipn_url(request):
    with translation.override(settings.LANGUAGE_CODE):
        return request.build_absolute_uri(reverse("payments_ipn"))


def deliver_notification(request, params):
    """Hand the signed result to the portal's notification handler; return its answer."""
    if settings.PAYMENT_DEV_DELIVERY == "inprocess":
        return services.handle_notification(params)
    try:
        response = requests.get(ipn_url(request), params=params, timeout=DELIVERY_TIMEOUT)
        return response.json()
    except (requests.RequestException, ValueError):
        logger.exception("The development gateway could not deliver its notification")
        return {}


@never_cache
def gateway(request):
    dev = get_gateway()
    if not isinstance(dev, DevGateway):
        raise Http404
    order = request.GET.dict()
    try:
        dev.check_signature(order)
        amount = int(order.get("vnp_Amount", "")) // 100
    except (SignatureInvalid, ValueError):
        return HttpResponseBadRequest("Invalid order signature")
    return_url = order.get("vnp_ReturnUrl", "")
    if not url_has_allowed_host_and_scheme(return_url, allowed_hosts={request.get_host()}):
        return HttpResponseBadRequest("Return URL off this site")
    if request.method == "POST":
        success = request.POST.get("choice") == "success"
        result = dev.result_params(order, success=success)
        answer = deliver_notification(request, result)
        logger.info(
            "Development gateway: order %s, IPN answered %s", order.get("vnp_TxnRef"), answer
        )
        return redirect(f"{return_url}?{urlencode(result)}")
    context = {"order": order, "amount": amount, "txn_ref": order.get("vnp_TxnRef", "")}
    return render(request, "payments/dev_gateway.html", context)


app_name = "payments_dev"
urlpatterns = [path("", gateway, name="gateway")]
