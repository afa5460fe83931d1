"""The work queue's own pages: transitions, apology, assignment, fee, downloads, printing.

Each view takes the `DossierAdmin` that wires it (`DossierAdmin.get_urls`) for the admin's
permissions, lookup and page context; nothing is kept on it between requests. Nothing here
writes a status: every action calls `procedures.workflow.dossier_transition` or
`procedures.desk.services`, so the admin obeys the same rules as everything else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

from procedures import access, deadlines
from procedures.constants import DossierStatus as S
from procedures.constants import PrintForm
from procedures.desk import counter, printing
from procedures.desk.forms import ApologyForm, AssignForm, FeeAdjustmentForm, TransitionForm
from procedures.desk.services import (
    FEE_CLOSED_STATUSES,
    can_adjust_fee,
    dossier_adjust_fee,
    dossier_apologise,
    dossier_assign,
)
from procedures.fees import dossier_fee_context, money
from procedures.models import DossierDocument
from procedures.storage import private_storage
from procedures.transitions import STAFF, TRANSITIONS, allowed_targets
from procedures.workflow import TransitionRefused, dossier_transition
from staff.audit import AuditAction, audit


def change_page_context(request, dossier):
    """What the dossier page offers `request.user`: the moves, forms and desk actions."""
    return {
        "dossier_actions": [
            {
                "label": TRANSITIONS[(S(dossier.status), to)].label,
                "url": reverse("admin:procedures_dossier_transition", args=[dossier.pk, int(to)]),
            }
            for to in allowed_targets(S(dossier.status), by=STAFF)
            if access.can_transition(request.user, dossier, to)
        ],
        "print_forms": printing.links(dossier),
        "due_state": deadlines.due_state(dossier),
        "can_apologise": access.can_apologise(request.user, dossier)
        and dossier.status in deadlines.RUNNING_STATUSES
        and dossier.due_at is not None,
        "can_assign": access.can_assign(request.user, dossier),
        "can_adjust_fee": can_adjust_fee(request.user, dossier)
        and dossier.status not in FEE_CLOSED_STATUSES,
    }


def visible_or_404(model_admin, request, pk):
    """The dossier if the user may see it: 404 otherwise (no hint that it exists)."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    dossier = model_admin.get_object(request, pk)
    if dossier is None:
        raise Http404
    return dossier


def _page(model_admin, request, dossier, template, title, **context):
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "original": dossier,
            "dossier": dossier,
            "title": title,
            **context,
        },
    )


def _back(dossier):
    return HttpResponseRedirect(reverse("admin:procedures_dossier_change", args=[dossier.pk]))


def register_in_person(model_admin, request):
    """The desk registers a dossier brought in person (procedures.desk.counter).

    Wired with `sensitive_post_parameters`: the personal data typed at the desk stays out
    of error reports.
    """
    return counter.register_view(model_admin, request)


def transition(model_admin, request, pk, to):
    dossier = visible_or_404(model_admin, request, pk)
    try:
        to = S(to)
    except ValueError:
        raise Http404 from None
    if to not in allowed_targets(S(dossier.status), by=STAFF):
        messages.error(request, gettext("Bước này không áp dụng cho trạng thái hiện tại."))
        return _back(dossier)
    if not access.can_transition(request.user, dossier, to):
        raise PermissionDenied
    form = TransitionForm(request.POST or None, dossier=dossier, to_status=to)
    if request.method == "POST" and form.is_valid():
        try:
            dossier_transition(
                dossier=dossier,
                to_status=to,
                actor=request.user,
                public_note=form.cleaned_data["public_note"],
                internal_note=form.cleaned_data["internal_note"],
                **form.transition_inputs(),
            )
        except TransitionRefused as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                gettext("Hồ sơ %(code)s: %(status)s.") % {"code": dossier.code, "status": to.label},
            )
            return _back(dossier)
    return _page(
        model_admin,
        request,
        dossier,
        "admin/procedures/dossier/transition_form.html",
        f"{form.rule.label} – {dossier.code}",
        form=form,
        to_status=to,
        preview_due=form.preview_due(),
    )


def apology(model_admin, request, pk):
    dossier = visible_or_404(model_admin, request, pk)
    if not access.can_apologise(request.user, dossier):
        raise PermissionDenied
    form = ApologyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            apology = dossier_apologise(
                dossier=dossier,
                actor=request.user,
                new_due_at=form.new_due_at(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error("new_due_date" if name == "new_due_at" else name, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, gettext("Đã lập phiếu xin lỗi và đề nghị gia hạn."))
            return HttpResponseRedirect(
                reverse(
                    "admin:procedures_dossier_print",
                    args=[dossier.pk, PrintForm.APOLOGY, apology.pk],
                )
            )
    return _page(
        model_admin,
        request,
        dossier,
        "admin/procedures/dossier/apology_form.html",
        f"{PrintForm.APOLOGY.label} – {dossier.code}",
        form=form,
    )


def assign(model_admin, request, pk):
    dossier = visible_or_404(model_admin, request, pk)
    if not access.can_assign(request.user, dossier):
        raise PermissionDenied
    form = AssignForm(
        request.POST or None, dossier=dossier, initial={"officer": dossier.assigned_to_id}
    )
    if request.method == "POST" and form.is_valid():
        dossier_assign(dossier=dossier, actor=request.user, officer=form.cleaned_data["officer"])
        messages.success(request, gettext("Đã phân công cán bộ xử lý."))
        return _back(dossier)
    return _page(
        model_admin,
        request,
        dossier,
        "admin/procedures/dossier/assign_form.html",
        gettext("Phân công cán bộ xử lý – %(code)s") % {"code": dossier.code},
        form=form,
    )


def adjust_fee(model_admin, request, pk):
    dossier = visible_or_404(model_admin, request, pk)
    if not can_adjust_fee(request.user, dossier):
        raise PermissionDenied
    if dossier.status in FEE_CLOSED_STATUSES:
        messages.error(
            request, gettext("Hồ sơ đã kết thúc giải quyết: không điều chỉnh phí, lệ phí được nữa.")
        )
        return _back(dossier)
    form = FeeAdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier_adjust_fee(
                dossier=dossier,
                actor=request.user,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, gettext("Đã điều chỉnh số tiền phí, lệ phí phải nộp."))
            return _back(dossier)
    return _page(
        model_admin,
        request,
        dossier,
        "admin/procedures/dossier/fee_form.html",
        gettext("Điều chỉnh phí, lệ phí – %(code)s") % {"code": dossier.code},
        form=form,
        fee=dossier_fee_context(dossier),
        current_amount=money(dossier.fee_due),
    )


def download(model_admin, request, pk, document_pk):
    dossier = visible_or_404(model_admin, request, pk)
    document = get_object_or_404(DossierDocument, pk=document_pk, dossier=dossier, on_paper=False)
    try:
        handle = private_storage.open(document.file.name, "rb")
    except OSError:
        raise Http404 from None
    audit(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        target=dossier,
        document=document.pk,
        filename=document.original_name,
    )
    response = FileResponse(handle, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def print_form(model_admin, request, pk, form, item=None):
    dossier = visible_or_404(model_admin, request, pk)
    return printing.print_response(request, dossier, form, item)
