"""Tracking a dossier: by code + phone (POST only) or by the secret link; resident actions.

Whatever the route, the dossier found is kept in the session and shown at one address
without any personal data or token in it. Unknown code and wrong phone get the same
answer. Every page here is `no-store`.
"""

import logging
from functools import partial

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from payments.selectors import tracking_summary
from portal.models import WardProfile
from portal.pagecache import per_process
from portal.ratelimit import rate_limited
from procedures import fees, privacy
from procedures.constants import DossierStatus
from procedures.forms import SupplementForm, build_documents_form
from procedures.models import Dossier, DossierEvent, Procedure
from procedures.receipt_pdf import receipt_pdf
from procedures.resident.tracking_forms import RatingForm, TrackingForm, WithdrawalForm
from procedures.services import (
    RATEABLE,
    dossier_rate,
    dossier_request_withdrawal,
    dossier_supplement,
)
from procedures.tracked import open_tracking, tracked
from procedures.validators import mask_name, mask_phone
from procedures.workflow import RESIDENT, allowed_targets
from results.selectors import TRACKING_COLUMNS, TRACKING_RELATIONS, tracking_context

logger = logging.getLogger(__name__)

NOT_FOUND = _(
    "Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại đã nhập. "
    "Xin kiểm tra lại cả hai thông tin."
)


# What the tracking page shows of a dossier, and all its actions need: every other column
# (the resident's identity and address, the answers) stays in the database. Reading only
# these made the page's main query about three times cheaper to build and to turn into
# objects than deferring the long texts did.
ON_THE_TRACKING_PAGE = (
    "code",
    "procedure_id",
    "status",
    "applicant_name",
    "phone",
    "submitted_at",
    "due_date",
    "fee_due",
    "rating__satisfied",
    # The fee as filed (procedures.fees), read with the dossier rather than on its own.
    "fee__lines",
    "fee__total",
    "fee__known",
    # The payments block adds the financial obligation to the fee due.
    "obligation_amount",
    # The result and how the resident receives it (results app), joined in the same query.
    *TRACKING_COLUMNS,
)


# The timeline's columns on the page, and of the supplement request an event made.
TIMELINE = ("to_status", "created_at", "public_note")
SUPPLEMENT = ("supplement_request__note", "supplement_request__fulfilled_at")


def _procedure_names():
    return dict(Procedure.objects.values_list("pk", "name"))


def _procedure_name(dossier):
    """The name of the dossier's procedure, from the names every process keeps while
    the catalogue is unchanged (a procedure's save bumps the page version): joining the
    procedure cost the page's query almost half its price. A procedure created moments
    ago in another process is read from the database."""
    name = per_process("procedure-names", _procedure_names).get(dossier.procedure_id)
    return name if name is not None else dossier.procedure.name


def _tracked(request, *, for_receipt=False):
    """The dossier the session opened, with what its page shows: the timeline, or for
    the receipt the procedure and the documents received."""
    dossier_pk, token = tracked(request.session)
    if dossier_pk is None:
        return None, ""
    if for_receipt:
        # The receipt names the procedure; its documents are one query of their own.
        dossiers = Dossier.objects.select_related("procedure")
    else:
        dossiers = Dossier.objects.select_related("rating", "fee", *TRACKING_RELATIONS).only(
            *ON_THE_TRACKING_PAGE
        )
    # get(), not first(): first() would order by the model's ordering, a sort for one row.
    try:
        dossier = dossiers.get(pk=dossier_pk)
    except Dossier.DoesNotExist:
        return None, ""
    return dossier, token


@never_cache
@sensitive_post_parameters()
@rate_limited("tracking")
def tracking(request):
    form = TrackingForm(request.POST or None)
    not_found = False
    if request.method == "POST" and form.is_valid():
        dossier = (
            Dossier.objects.filter(code=form.cleaned_data["code"], phone=form.cleaned_data["phone"])
            .only("pk")
            .first()
        )
        if dossier is not None:
            # A new key for a session that already had one (no fixation); a visitor
            # without a session gets a fresh one on save anyway, which saves the
            # INSERT-then-UPDATE that cycle_key() costs on an empty session.
            if request.session.session_key:
                request.session.cycle_key()
            open_tracking(request.session, dossier.pk)
            return redirect("procedures:tracking_result")
        not_found = True
    return render(
        request,
        "procedures/tracking_form.html",
        {"form": form, "not_found": not_found, "not_found_message": NOT_FOUND},
    )


@never_cache
@rate_limited("tracking", methods=("GET", "POST"))
def tracking_token(request, token):
    dossier = Dossier.objects.by_tracking_token(token).only("pk").first()
    if dossier is None:
        return render(
            request,
            "procedures/tracking_form.html",
            {
                "form": TrackingForm(),
                "not_found": True,
                "not_found_message": _(
                    "Đường dẫn tra cứu không đúng hoặc đã bị cắt mất một phần. "
                    "Xin tra cứu bằng mã hồ sơ và số điện thoại."
                ),
            },
            status=404,
        )
    open_tracking(request.session, dossier.pk, token)
    # The secret leaves the address bar (and any later Referer) at once.
    return redirect("procedures:tracking_result")


def _result_context(dossier, events=None, **forms):
    """The result page's context; `forms` holds a bound form shown back with its errors,
    `events` the timeline when it was read with the dossier (see tracking_result).

    The blank withdrawal and rating forms are passed as their classes: the template calls
    them (instantiates the form) only when it draws one, which the cached fragment it sits
    in spares most pages; building them on every page cost about a tenth of it. The blank
    supplement form is passed the same way, as a builder; its fragment is shared by every
    request for the same documents (their primary keys are part of its key), and drawing
    it cost a third of the page.
    """
    if events is None:
        events = _timeline(dossier)
    supplement = dossier.open_supplement_request(events=events)
    has_rating = _has_rating(dossier)
    can_withdraw = DossierStatus.WITHDRAWAL_REQUESTED in allowed_targets(
        dossier.status, by=RESIDENT
    )
    can_rate = dossier.status in RATEABLE and not has_rating
    blank_supplement_form, supplement_documents = None, ()
    if supplement is not None and forms.get("supplement_form") is None:
        supplement_documents = list(supplement.documents.values_list("pk", flat=True))
        blank_supplement_form = partial(
            build_documents_form, supplement.documents.all(), form_class=SupplementForm
        )
    return {
        "dossier": dossier,
        "procedure_name": _procedure_name(dossier),
        "masked_name": mask_name(dossier.applicant_name),
        "masked_phone": mask_phone(dossier.phone),
        "events": events,
        "supplement": supplement,
        "supplement_form": forms.get("supplement_form"),
        "blank_supplement_form": blank_supplement_form,
        "supplement_documents": supplement_documents,
        "can_withdraw": can_withdraw,
        "can_rate": can_rate,
        "rating": dossier.rating if has_rating else None,
        "withdraw_form": forms.get("withdraw_form"),
        "blank_withdraw_form": WithdrawalForm,
        "rating_form": forms.get("rating_form"),
        "blank_rating_form": RatingForm,
        **tracking_context(dossier),
        "fee": fees.dossier_fee_context(dossier),
        # Payments: outstanding amount, receipts, the "Nộp phí trực tuyến" button.
        "payments_info": tracking_summary(dossier),
    }


def _events(dossier_pk):
    """A dossier's timeline, oldest first."""
    return DossierEvent.objects.filter(dossier_id=dossier_pk).order_by("created_at", "pk")


def _timeline(dossier):
    """The timeline with the supplement request each event made."""
    return list(
        _events(dossier.pk).select_related("supplement_request").only(*TIMELINE, *SUPPLEMENT)
    )


def _has_rating(dossier):
    try:
        dossier.rating  # noqa: B018 - reverse one-to-one access raises when missing
    except Dossier.rating.RelatedObjectDoesNotExist:
        return False
    return True


def _no_dossier(request):
    messages.info(request, _("Xin nhập mã hồ sơ và số điện thoại để tra cứu."))
    return redirect("procedures:tracking")


@never_cache
def tracking_result(request):
    dossier_pk, _token = tracked(request.session)
    events = _timeline_with_dossier(dossier_pk) if dossier_pk is not None else []
    if events:
        dossier = events[0].dossier
    else:  # no timeline (every dossier has one from its submission), or no dossier
        dossier, _token = _tracked(request)
        if dossier is None:
            return _no_dossier(request)
    context = _result_context(dossier, events=events or None)
    return render(request, "procedures/tracking_result.html", context)


def _timeline_with_dossier(dossier_pk):
    """The page in one query: the timeline, oldest first, each event with the dossier (the
    columns the page shows, its rating) and the supplement request the event made.
    Reading the dossier apart cost a query, about a tenth of the page."""
    return list(
        _events(dossier_pk)
        .select_related(
            "dossier__rating",
            "dossier__fee",
            *(f"dossier__{name}" for name in TRACKING_RELATIONS),
            "supplement_request",
        )
        .only(
            *TIMELINE,
            *(f"dossier__{column}" for column in ON_THE_TRACKING_PAGE),
            *SUPPLEMENT,
        )
    )


@never_cache
@sensitive_post_parameters()
@rate_limited("tracking")
def tracking_supplement(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    dossier, _token = _tracked(request)
    if dossier is None:
        return _no_dossier(request)
    supplement = dossier.open_supplement_request()
    if supplement is None:
        messages.info(request, _("Hồ sơ không có yêu cầu bổ sung đang chờ."))
        return redirect("procedures:tracking_result")
    form = build_documents_form(
        supplement.documents.all(), request.POST, request.FILES, form_class=SupplementForm
    )
    status = 400
    if form.is_valid():
        try:
            dossier_supplement(dossier=dossier, files=form.clean_files())
        except ValidationError as exc:
            form.add_error(None, exc)
        except OSError:
            # A full disk: the service removed what it wrote and rolled back; the page says so.
            logger.exception("Could not store the supplement of dossier %s", dossier.pk)
            form.add_error(
                None,
                _(
                    "Chưa lưu được giấy tờ bổ sung do sự cố máy chủ; hồ sơ chưa thay đổi. "
                    "Xin chọn lại tệp và gửi lại sau ít phút."
                ),
            )
            status = 503
        else:
            messages.success(request, _("Đã nhận giấy tờ bổ sung. Hồ sơ được tiếp tục xử lý."))
            return redirect("procedures:tracking_result")
    dossier, _token = _tracked(request)
    context = _result_context(dossier, supplement_form=form)
    return render(request, "procedures/tracking_result.html", context, status=status)


@never_cache
@rate_limited("tracking")
def tracking_withdraw(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    dossier, _token = _tracked(request)
    if dossier is None:
        return _no_dossier(request)
    form = WithdrawalForm(request.POST)
    if form.is_valid():
        try:
            dossier_request_withdrawal(dossier=dossier, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Đã gửi yêu cầu rút hồ sơ. Cán bộ sẽ xem xét và thông báo.")
            )
        return redirect("procedures:tracking_result")
    context = _result_context(dossier, withdraw_form=form)
    return render(request, "procedures/tracking_result.html", context, status=400)


@never_cache
@rate_limited("tracking")
def tracking_rate(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    dossier, _token = _tracked(request)
    if dossier is None:
        return _no_dossier(request)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            dossier_rate(
                dossier=dossier,
                satisfied=form.cleaned_data["satisfied"],
                reasons=form.cleaned_data["reasons"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Cảm ơn ông/bà đã đánh giá."))
        return redirect("procedures:tracking_result")
    context = _result_context(dossier, rating_form=form)
    return render(request, "procedures/tracking_result.html", context, status=400)


def _receipt_context(request, dossier, token):
    """What the receipt shows, for its page and its PDF alike."""
    target = (
        request.build_absolute_uri(reverse("procedures:tracking_token", args=[token]))
        if token
        else request.build_absolute_uri(reverse("procedures:tracking"))
    )
    qr = segno.make(target, error="m")
    return {
        "dossier": dossier,
        "qr": qr,
        # Inline SVG: no script, no style attribute (CSP), no extra request. Black modules
        # (segno's default) on white, not on segno's default transparent ground.
        "qr_svg": qr.svg_inline(scale=4, border=2, light="#fff"),
        "qr_target_is_secret": bool(token),
        # What code + phone reveal, as the privacy notice states (procedures.privacy).
        "masked_name": mask_name(dossier.applicant_name),
        "masked_phone": mask_phone(dossier.phone),
        "documents": privacy.received_documents(dossier.documents.all()),
    }


@never_cache
def tracking_receipt(request):
    dossier, token = _tracked(request, for_receipt=True)
    if dossier is None:
        return _no_dossier(request)
    return render(
        request, "procedures/dossier_receipt.html", _receipt_context(request, dossier, token)
    )


@never_cache
@rate_limited("tracking", methods=("GET",))
def tracking_receipt_pdf(request):
    """The receipt as a PDF file (form 01 with its QR): the page's own context, nothing
    more; counted against the tracking limit, since each one is drawn on the server."""
    dossier, token = _tracked(request, for_receipt=True)
    if dossier is None:
        return _no_dossier(request)
    context = _receipt_context(request, dossier, token)
    context["authority"] = WardProfile.load().authority
    response = HttpResponse(receipt_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giay-tiep-nhan-{dossier.code}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
