"""The resident's side: download the result, choose how to receive it.

The tracking proof is the session entry the tracking page leaves (code + phone, the
secret link, or "Hồ sơ của tôi"): without it there is nothing to download. Every answer
is `no-store`; the file goes out as an attachment under a name made of the dossier code.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.identity import resident_account
from accounts.views import my_dossiers_queryset
from portal.ratelimit import rate_limited
from procedures.models import Dossier
from procedures.storage import private_storage
from procedures.tracked import open_tracking, tracked
from results import services
from results.constants import Downloader
from results.forms import DeliveryChoiceForm
from results.models import DossierResult


def _tracked_dossier(request):
    dossier_pk, _token = tracked(request.session)
    if dossier_pk is None:
        return None
    return Dossier.objects.only("pk", "code", "status", "channel").filter(pk=dossier_pk).first()


def _no_dossier(request):
    messages.info(request, _("Xin nhập mã hồ sơ và số điện thoại để tra cứu."))
    return redirect("procedures:tracking")


def _serve(request, dossier, *, by, user):
    result = DossierResult.objects.filter(dossier=dossier).first()
    if result is None:
        messages.info(request, _("Hồ sơ chưa có kết quả điện tử."))
        return redirect("procedures:tracking_result")
    try:
        handle = private_storage.open(result.file.name, "rb")
    except OSError:
        raise Http404 from None
    try:
        services.record_download(dossier=dossier, by=by, user=user)
    except BaseException:
        handle.close()
        raise
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"ket-qua-{dossier.code}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@rate_limited("tracking", methods=("GET",))
def download(request):
    """The result of the dossier the session opened (tracking page or "Hồ sơ của tôi")."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    dossier = _tracked_dossier(request)
    if dossier is None:
        return _no_dossier(request)
    account = resident_account(request)
    if account is not None:
        return _serve(request, dossier, by=Downloader.ACCOUNT, user=account.user)
    return _serve(request, dossier, by=Downloader.TRACKING, user=None)


@never_cache
def download_mine(request, pk):
    """The "Tải kết quả" link of "Hồ sơ của tôi": the signed-in resident's own dossier."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    account = resident_account(request)
    if account is None:
        return redirect(f"{reverse('accounts_login')}?next={request.path}")
    dossier = get_object_or_404(
        my_dossiers_queryset(account).only("pk", "code", "status", "channel"), pk=pk
    )
    # The tracking page is where the messages (no result yet) are shown.
    open_tracking(request.session, dossier.pk)
    return _serve(request, dossier, by=Downloader.ACCOUNT, user=account.user)


@never_cache
@rate_limited("tracking")
def choose_channel(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    dossier = _tracked_dossier(request)
    if dossier is None:
        return _no_dossier(request)
    form = DeliveryChoiceForm(request.POST)
    if form.is_valid():
        try:
            services.choose_channel(
                dossier=dossier,
                channel=form.cleaned_data["channel"],
                address=form.cleaned_data["postal_address"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Đã ghi nhận cách nhận kết quả."))
            return redirect("procedures:tracking_result")
    return render(
        request, "results/delivery_form.html", {"dossier": dossier, "form": form}, status=400
    )
