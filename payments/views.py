"""The resident's side of payments and the gateway's notification endpoint.

- `pay` (POST from the tracking page) opens an order and sends the browser to the gateway.
- `payment_return` shows what the portal knows of the order when the browser comes back:
  it never marks anything (only `ipn` does, through `services.handle_notification`).
- `ipn` is the gateway's server-to-server call: GET, no CSRF (the signature is the proof),
  JSON answer.
- `receipt` is the biên lai PDF, for the session that opened the dossier (the tracking
  page's proof: code + phone or the secret link).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from payments import services
from payments.constants import PaymentStatus
from payments.gateways import SignatureInvalid, get_gateway
from payments.models import Payment
from payments.receipt_pdf import receipt_pdf
from portal.models import WardProfile
from portal.ratelimit import client_ip, rate_limited
from procedures.models import Dossier
from procedures.tracked import tracked


def tracked_dossier_id(request):
    return tracked(request.session)[0]


@never_cache
@rate_limited("payment")
def pay(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    dossier_id = tracked_dossier_id(request)
    dossier = Dossier.objects.filter(pk=dossier_id).only("pk").first() if dossier_id else None
    if dossier is None:
        messages.info(request, _("Xin nhập mã hồ sơ và số điện thoại để tra cứu."))
        return redirect("procedures:tracking")
    try:
        _payment, url = services.start_online_payment(dossier=dossier, client_ip=client_ip(request))
    except services.PaymentRefused as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("procedures:tracking_result")
    return redirect(url)


@never_cache
def payment_return(request):
    """The page the gateway sends the buyer back to: the order's state as recorded."""
    gateway = get_gateway()
    params = request.GET.dict()
    payment, says_success, signed = None, False, False
    if gateway is not None and params:
        try:
            result = gateway.verify(params)
        except (SignatureInvalid, ValueError):
            result = None
        if result is not None:
            signed = True
            says_success = result.success
            payment = (
                Payment.objects.select_related("dossier").filter(txn_ref=result.txn_ref).first()
            )
    if payment is not None and payment.dossier_id != tracked_dossier_id(request):
        payment = None  # another session's order: say nothing about it
    context = {
        "payment": payment,
        "signed": signed,
        "gateway_says_success": says_success,
        "paid": payment is not None and payment.status == PaymentStatus.PAID,
        "pending": payment is not None and payment.status == PaymentStatus.PENDING,
    }
    return render(request, "payments/payment_return.html", context)


@csrf_exempt
@never_cache
def ipn(request):
    """The gateway's notification: the only request that marks a payment paid."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return JsonResponse(services.handle_notification(request.GET.dict()))


def receipt_response(payment):
    pdf = receipt_pdf(
        payment,
        authority=WardProfile.load().authority,
        procedure_name=payment.dossier.procedure.name,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-lai-{payment.receipt_no}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@rate_limited("tracking", methods=("GET",))
def receipt(request, receipt_no):
    dossier_id = tracked_dossier_id(request)
    if dossier_id is None:
        messages.info(request, _("Xin nhập mã hồ sơ và số điện thoại để tra cứu."))
        return redirect("procedures:tracking")
    payment = get_object_or_404(
        Payment.objects.select_related("dossier__procedure"),
        receipt_no=receipt_no,
        status=PaymentStatus.PAID,
    )
    if payment.dossier_id != dossier_id:
        raise Http404
    return receipt_response(payment)
