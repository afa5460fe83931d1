"""The result on the dossier's admin page: the officer's upload and the staff download.

Wired by the dossier admin (`procedures.desk.admin.DossierAdmin.get_urls`), which passes
itself first as the desk's own views do: its `get_object` finds only dossiers the user may
see (procedures.access), so another field's dossier answers 404.
"""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from procedures.storage import private_storage
from results import services
from results.constants import Downloader
from results.forms import ResultUploadForm
from results.models import DossierResult

logger = logging.getLogger(__name__)


def _visible(model_admin, request, pk):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    dossier = model_admin.get_object(request, pk)
    if dossier is None:
        raise Http404
    return dossier


def _back(dossier):
    url = reverse("admin:procedures_dossier_change", args=[dossier.pk])
    return HttpResponseRedirect(f"{url}#ket-qua")


def upload(model_admin, request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    dossier = _visible(model_admin, request, pk)
    if not services.can_upload(request.user, dossier):
        raise PermissionDenied
    form = ResultUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _back(dossier)
    try:
        result = services.attach_result(
            dossier=dossier, upload=form.cleaned_data["file"], actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except OSError:
        logger.exception("Could not store the result of dossier %s", dossier.pk)
        messages.error(
            request, _("Chưa lưu được tệp kết quả do sự cố máy chủ; xin thử lại sau ít phút.")
        )
    else:
        messages.success(
            request,
            _("Đã cập nhật kết quả “%(name)s” của hồ sơ %(code)s.")
            % {"name": result.original_name, "code": dossier.code},
        )
    return _back(dossier)


def download(model_admin, request, pk):
    dossier = _visible(model_admin, request, pk)
    result = DossierResult.objects.filter(dossier=dossier).first()
    if result is None:
        raise Http404
    try:
        handle = private_storage.open(result.file.name, "rb")
    except OSError:
        raise Http404 from None
    try:
        services.record_download(dossier=dossier, by=Downloader.STAFF, user=request.user)
    except BaseException:
        handle.close()
        raise
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, result.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response
