"""The printable forms of a dossier (the one-stop forms of Appendix I, Circular
03/2025/TT-VPCP, which guides Decree 118/2025/NĐ-CP; see procedures.constants.PrintForm).

Decree 118/2025/NĐ-CP replaced Decree 61/2018/NĐ-CP on 1/7/2025, and Circular
03/2025/TT-VPCP replaced Circular 01/2018/TT-VPCP, which first numbered these forms. The
form's date is written as Decree 30/2020/NĐ-CP asks of administrative documents
(`document_date`).

Which move produces which form is the transition table's (`procedures.transitions`, the
row's `prints`); this module finds the form's record and renders it for printing.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from procedures.constants import DossierStatus, PrintForm
from procedures.transitions import entered_by
from staff.audit import AuditAction, audit

TEMPLATES = {
    PrintForm.RECEIPT: "procedures/print/receipt.html",
    PrintForm.SUPPLEMENT: "procedures/print/supplement.html",
    PrintForm.REFUSAL: "procedures/print/refusal.html",
    PrintForm.APOLOGY: "procedures/print/apology.html",
    PrintForm.STOP_NOTICE: "procedures/print/stop_notice.html",
    PrintForm.CONTROL_SHEET: "procedures/print/control_sheet.html",
}


def document_date(day):
    """Day, month and year of `day` as an administrative document writes them.

    Decree 30/2020/NĐ-CP, Appendix I: a day below 10 and the months 1 and 2 take a leading
    zero ("ngày 05 tháng 01 năm 2026"), so that nothing can be written in front of them later.
    """
    return {
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}" if day.month <= 2 else str(day.month),
        "year": str(day.year),
    }


def links(dossier):
    """The forms printed once per dossier, for the dossier page.

    Forms 02 and 04 are one per request and per apology: their inlines link them.
    """
    numbers = []
    # The receipt exists once the clock started: at acceptance, or at the complete
    # supplement of documents asked for at the desk.
    if dossier.accepted_at:
        numbers.append(PrintForm.RECEIPT)
    for notice in (PrintForm.REFUSAL, PrintForm.STOP_NOTICE):
        if dossier.status in entered_by(prints=notice):
            numbers.append(notice)
    numbers.append(PrintForm.CONTROL_SHEET)
    return [
        {
            "label": f"{number.value} – {number.label}",
            "url": reverse("admin:procedures_dossier_print", args=[dossier.pk, number]),
        }
        for number in numbers
    ]


def print_response(request, dossier, number, item=None):
    """Render form `number` of `dossier` (`item`: the request or apology it prints)."""
    if number not in PrintForm.values:
        raise Http404
    form = PrintForm(number)
    context = {
        "dossier": dossier,
        "form_number": number,
        "form_title": form.label,
        "issued": document_date(timezone.localdate()),
    }
    if form == PrintForm.RECEIPT and not dossier.accepted_at:
        raise Http404
    if form == PrintForm.SUPPLEMENT:
        context["request_obj"] = get_object_or_404(
            dossier.supplement_requests.prefetch_related("documents"), pk=item
        )
    elif form in (PrintForm.REFUSAL, PrintForm.STOP_NOTICE):
        # The notice reads the step that made it: the refusal, or the stop.
        event = dossier.events.filter(to_status__in=entered_by(prints=form)).last()
        if event is None:
            raise Http404
        context["event"] = event
        context["at_residents_request"] = event.from_status == DossierStatus.WITHDRAWAL_REQUESTED
    elif form == PrintForm.APOLOGY:
        context["apology"] = get_object_or_404(dossier.apologies, pk=item)
    elif form == PrintForm.CONTROL_SHEET:
        context["events"] = dossier.events.select_related("actor")
        context["due_changes"] = dossier.due_changes.select_related("actor")
    context["documents"] = dossier.documents.filter(supplement_request__isnull=True)
    audit(actor=request.user, action=AuditAction.PRINT, target=dossier, form=number)
    response = TemplateResponse(request, TEMPLATES[form], context)
    response["Cache-Control"] = "no-store"
    return response
