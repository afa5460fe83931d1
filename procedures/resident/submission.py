"""The online dossier form: applicant → questions → documents → consent → check → submit.

Progress lives server-side in the session (uploads in the private temp area, referenced
from the session), so Back and Change lose nothing; the final POST carries a one-time
submission token, so doubled or retried POSTs return the same dossier.
"""

import datetime
import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts.identity import dossier_identity_fields, verified_applicant
from portal.ratelimit import rate_limited
from procedures import drafts, fees, privacy
from procedures.constants import Channel
from procedures.forms import build_documents_form
from procedures.language import vietnamese
from procedures.models import Dossier, Procedure, ProcedureQuestion, Province, Ward
from procedures.resident.forms import ApplicantForm, ConsentForm
from procedures.resident.questions import (
    build_questions_form,
    dossier_answers,
    questions_to_session,
)
from procedures.services import dossier_submit, new_submission_tokens
from procedures.staging import StagedFile
from procedures.tracked import open_tracking
from procedures.validators import display_mobile

logger = logging.getLogger(__name__)

STEPS = ["nguoi-nop", "cau-hoi", "giay-to", "dong-y", "kiem-tra"]
# Lazy: translated in the language of each request, not the one that imported the module.
STEP_TITLES = {
    "nguoi-nop": gettext_lazy("Thông tin người nộp"),
    "cau-hoi": gettext_lazy("Thông tin về việc đề nghị"),
    "giay-to": gettext_lazy("Giấy tờ kèm theo"),
    "dong-y": gettext_lazy("Đồng ý xử lý dữ liệu cá nhân"),
    "kiem-tra": gettext_lazy("Kiểm tra trước khi nộp"),
}
SUBMITTED_KEY = "portal:submitted"
# Per procedure, the submission token of the dossier this session last sent: Back to a
# step of that finished form then says it was sent instead of offering a blank form.
SENT_KEY = "portal:sent"


def _key(procedure):
    return f"portal:wizard:{procedure.pk}"


def _state(request, procedure, create=False):
    state = request.session.get(_key(procedure))
    if state is None and create:
        submission, tracking = new_submission_tokens()
        state = {
            "submission_token": submission,
            "tracking_token": tracking,
            "applicant": None,
            "answers": None,
            "documents": {},
            "documents_done": False,
            "consent": None,
        }
        request.session[_key(procedure)] = state
        # A new form started on purpose: the last one sent is no longer "this" one.
        sent = request.session.get(SENT_KEY, {})
        if sent.pop(str(procedure.pk), None):
            request.session[SENT_KEY] = sent
    return state


def _save(request, procedure, state):
    request.session[_key(procedure)] = state
    request.session.modified = True


def _steps_for(procedure):
    return [s for s in STEPS if s != "cau-hoi" or procedure.has_questions]


def _documents(procedure):
    """The procedure's documents, read once per request (every step but the first reads
    them, some twice)."""
    if not hasattr(procedure, "documents_list"):
        procedure.documents_list = list(procedure.documents.all())
    return procedure.documents_list


def _done(procedure, state, step):
    if step == "nguoi-nop":
        return bool(state["applicant"])
    if step == "cau-hoi":
        return state["answers"] is not None
    if step == "giay-to":
        mandatory = {str(d.pk) for d in _documents(procedure) if d.is_mandatory}
        return state["documents_done"] and mandatory <= set(state["documents"])
    if step == "dong-y":
        return bool(state["consent"])
    return False


def _first_missing(procedure, state, steps):
    for step in steps:
        if step == "kiem-tra" or not _done(procedure, state, step):
            return step
    return "kiem-tra"


def _procedure(slug):
    has_questions = Exists(ProcedureQuestion.objects.filter(procedure=OuterRef("pk")))
    procedure = get_object_or_404(
        Procedure.objects.published().select_related("field").annotate(has_questions=has_questions),
        slug=slug,
    )
    if not procedure.accepts_online:
        raise Http404
    return procedure


@never_cache
def submit_start(request, slug):
    procedure = _procedure(slug)
    state = _state(request, procedure, create=True)
    return redirect(
        "procedures:submit_step",
        slug=slug,
        step=_first_missing(procedure, state, _steps_for(procedure)),
    )


@never_cache
@sensitive_post_parameters()
@rate_limited("submit")
def submit_step(request, slug, step):
    procedure = _procedure(slug)
    steps = _steps_for(procedure)
    if step not in steps:
        raise Http404
    state = _state(request, procedure)
    if state is None:
        if step == "kiem-tra" and request.method == "POST":
            return _resubmitted(request, procedure)
        if _just_sent(request, procedure):
            return _already_sent(request, procedure, step)
        messages.info(request, _("Phiên làm việc đã hết hạn hoặc chưa bắt đầu; xin bắt đầu lại."))
        return redirect("procedures:submit_start", slug=slug)
    _follow_identity(request, procedure, state)
    # No skipping ahead: a step opens only when the ones before it are done.
    index = steps.index(step)
    first_missing = _first_missing(procedure, state, steps)
    if index > steps.index(first_missing):
        return redirect("procedures:submit_step", slug=slug, step=first_missing)
    handler = {
        "nguoi-nop": _applicant_step,
        "cau-hoi": _questions_step,
        "giay-to": _documents_step,
        "dong-y": _consent_step,
        "kiem-tra": _check_step,
    }[step]
    return handler(request, procedure, state, steps, step)


def _follow_identity(request, procedure, state):
    """A resident who signs in after the applicant step: the check page and the dossier
    show what the provider vouched for, not what was typed. If the typed rest no longer
    fits (sex against the ID number), the step opens again with everything else kept."""
    verified = verified_applicant(request)
    applicant = state["applicant"]
    if not (verified and applicant):
        return
    fixed = {
        "full_name": verified["full_name"],
        "id_number": verified["id_number"],
        "birth_date": verified["birth_date"].strftime("%d/%m/%Y"),
    }
    if all(applicant.get(name) == value for name, value in fixed.items()):
        return
    merged = {**applicant, **fixed}
    if ApplicantForm(merged, verified=verified).is_valid():
        state["applicant"] = merged
    else:
        state["applicant"], state["applicant_unchecked"] = None, merged
    _save(request, procedure, state)


def _context(procedure, steps, step, **extra):
    index = steps.index(step)
    back = (
        reverse("procedures:submit_step", args=[procedure.slug, steps[index - 1]])
        if index
        else procedure.get_absolute_url()
    )
    return {
        "procedure": procedure,
        "step": step,
        "step_title": STEP_TITLES[step],
        "step_number": index + 1,
        "step_count": len(steps),
        "back_url": back,
        **extra,
    }


def _next(request, procedure, steps, step):
    if request.POST.get("luu"):
        # “Lưu và tiếp tục sau”: the step is kept; the save page sends the link (drafts).
        return redirect(f"{reverse('procedures:draft_save', args=[procedure.slug])}?buoc={step}")
    if request.GET.get("doi") == "1":
        return redirect("procedures:submit_step", slug=procedure.slug, step="kiem-tra")
    return redirect(
        "procedures:submit_step", slug=procedure.slug, step=steps[steps.index(step) + 1]
    )


def _applicant_step(request, procedure, state, steps, step):
    verified = verified_applicant(request)
    if request.method == "POST":
        form = ApplicantForm(request.POST, verified=verified)
        if form.is_valid():
            state["applicant"] = form.to_session()
            state.pop("applicant_unchecked", None)
            _save(request, procedure, state)
            return _next(request, procedure, steps, step)
    else:
        initial = state["applicant"] or state.get("applicant_unchecked") or {}
        form = ApplicantForm(initial=initial, verified=verified)
    return render(
        request,
        "procedures/submission_applicant.html",
        _context(procedure, steps, step, form=form, verified_by=settings.OIDC_PROVIDER_NAME),
    )


def _questions_step(request, procedure, state, steps, step):
    questions = list(procedure.questions.all())
    if request.method == "POST":
        form = build_questions_form(questions, request.POST)
        if form.is_valid():
            state["answers"] = questions_to_session(form)
            _save(request, procedure, state)
            return _next(request, procedure, steps, step)
    else:
        form = build_questions_form(questions, initial=state["answers"] or {})
    return render(
        request, "procedures/submission_questions.html", _context(procedure, steps, step, form=form)
    )


def _documents_step(request, procedure, state, steps, step):
    documents = _documents(procedure)
    kept = state["documents"]
    # Files a saved draft of this form still refers to are not deleted when dropped here.
    keep_files = drafts.kept_files(state) if request.method == "POST" else ()
    if request.method == "POST" and request.POST.get("xoa"):
        form = build_documents_form(documents, kept=kept, keep_files=keep_files)
        form.remove(request.POST["xoa"])
        state["documents"], state["documents_done"] = form.staged, False
        _save(request, procedure, state)
    elif request.method == "POST":
        form = build_documents_form(
            documents, request.POST, request.FILES, kept=kept, keep_files=keep_files
        )
        valid = form.is_valid()
        # Files that passed are kept even when another document is refused.
        state["documents"] = form.staged
        state["documents_done"] = state["documents_done"] or valid
        _save(request, procedure, state)
        # A missing document is what a resident saves for later; a refused file is not.
        if valid or (request.POST.get("luu") and form.only_missing()):
            return _next(request, procedure, steps, step)
    else:
        form = build_documents_form(documents, kept=kept)
    return render(
        request,
        "procedures/submission_documents.html",
        _context(
            procedure,
            steps,
            step,
            form=form,
            max_file=settings.DOSSIER_MAX_FILE_SIZE,
            max_total=settings.DOSSIER_MAX_TOTAL_SIZE,
        ),
    )


def _consent_step(request, procedure, state, steps, step):
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            state["consent"] = {"at": timezone.now().isoformat(), "version": privacy.VERSION}
            _save(request, procedure, state)
            return _next(request, procedure, steps, step)
    else:
        form = ConsentForm(initial={"consent": bool(state["consent"])})
    return render(
        request,
        "procedures/submission_consent.html",
        _context(procedure, steps, step, form=form, notice=privacy),
    )


def _summary(procedure, state):
    applicant = dict(state["applicant"])
    applicant["province_obj"] = Province.objects.filter(pk=applicant["province"]).first()
    ward_id = applicant.get("ward")
    applicant["ward_obj"] = (
        Ward.objects.filter(pk=ward_id).first() if str(ward_id).isdigit() else None
    )
    applicant["phone_display"] = display_mobile(applicant["phone"])
    questions = list(procedure.questions.all())
    values = dossier_answers(questions, state["answers"])
    answers = [(q, values[q.key]["value"]) for q in questions]
    docs = [(d, state["documents"].get(str(d.pk))) for d in _documents(procedure)]
    return applicant, answers, docs


def _check_step(request, procedure, state, steps, step):
    if request.method == "POST":
        token = request.POST.get("submission_token", "")
        if token != state["submission_token"]:
            return _resubmitted(request, procedure)
        return _submit(request, procedure, state, steps)
    applicant, answers, docs = _summary(procedure, state)
    quote = fees.compute(
        procedure,
        dossier_answers(procedure.questions.all(), state["answers"]),
        channel=Channel.ONLINE,
        on=timezone.localdate(),
    )
    return render(
        request,
        "procedures/submission_check.html",
        _context(
            procedure,
            steps,
            step,
            applicant=applicant,
            answers=answers,
            docs=docs,
            consent=state["consent"],
            verified_by=settings.OIDC_PROVIDER_NAME if verified_applicant(request) else "",
            submission_token=state["submission_token"],
            fee=fees.quote_context(quote),
        ),
    )


def _resubmitted(request, procedure):
    """A POST whose form is gone: Back-and-resubmit or a retry after success."""
    token = request.POST.get("submission_token", "")
    entry = request.session.get(SUBMITTED_KEY, {}).get(token)
    if entry:
        return redirect("procedures:submit_done", slug=procedure.slug, token=token)
    if _just_sent(request, procedure):
        return _already_sent(request, procedure, "kiem-tra")
    messages.info(request, _("Phiên làm việc đã hết hạn hoặc chưa bắt đầu; xin bắt đầu lại."))
    return redirect("procedures:submit_start", slug=procedure.slug)


def _just_sent(request, procedure):
    """(submission token, entry) of the dossier this session just sent, or None."""
    token = request.session.get(SENT_KEY, {}).get(str(procedure.pk))
    entry = request.session.get(SUBMITTED_KEY, {}).get(token) if token else None
    return (token, entry) if entry else None


def _already_sent(request, procedure, step):
    """Back (or a re-sent step) after the form was sent: say so, never offer a blank form."""
    if request.method != "GET":
        # Whatever a stale page posts is dropped; the answer is the page below.
        return redirect("procedures:submit_step", slug=procedure.slug, step=step)
    token, entry = _just_sent(request, procedure)
    dossier = Dossier.objects.filter(pk=entry["dossier"], procedure=procedure).first()
    if dossier is None:
        messages.info(request, _("Phiên làm việc đã hết hạn hoặc chưa bắt đầu; xin bắt đầu lại."))
        return redirect("procedures:submit_start", slug=procedure.slug)
    # The receipt and tracking links read the dossier from the session, as after sending.
    open_tracking(request.session, dossier.pk, entry["token"])
    return render(
        request,
        "procedures/submission_sent.html",
        {
            "dossier": dossier,
            "procedure": procedure,
            "done_url": reverse("procedures:submit_done", args=[procedure.slug, token]),
            "tracking_url": request.build_absolute_uri(
                reverse("procedures:tracking_token", args=[entry["token"]])
            ),
        },
    )


def _submit(request, procedure, state, steps):
    form = ApplicantForm(state["applicant"], verified=verified_applicant(request))
    if not form.is_valid():
        messages.error(request, _("Thông tin người nộp cần được kiểm tra lại."))
        return redirect("procedures:submit_step", slug=procedure.slug, step="nguoi-nop")
    answers = dossier_answers(procedure.questions.all(), state["answers"])
    by_pk = {str(d.pk): d for d in _documents(procedure)}
    documents = [
        (by_pk[k], StagedFile.from_session(v)) for k, v in state["documents"].items() if k in by_pk
    ]
    tracking_token = state["tracking_token"]
    tracking_url = request.build_absolute_uri(
        reverse("procedures:tracking_token", args=[tracking_token])
    )
    try:
        dossier, _created = dossier_submit(
            procedure=procedure,
            applicant=form.to_dossier_fields() | dossier_identity_fields(request),
            answers=answers,
            documents=documents,
            consent_at=datetime.datetime.fromisoformat(state["consent"]["at"]),
            notice_version=state["consent"]["version"],
            submission_token=state["submission_token"],
            tracking_token=tracking_token,
            tracking_url=tracking_url,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("procedures:submit_step", slug=procedure.slug, step="kiem-tra")
    except (DatabaseError, OSError):
        logger.exception("Dossier submission failed for procedure %s", procedure.pk)
        response = render(
            request, "procedures/submission_failed.html", {"procedure": procedure}, status=503
        )
        response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
        return response
    drafts.mark_used(state["submission_token"])
    submitted = request.session.get(SUBMITTED_KEY, {})
    submitted[state["submission_token"]] = {"dossier": dossier.pk, "token": tracking_token}
    request.session[SUBMITTED_KEY] = dict(list(submitted.items())[-10:])
    open_tracking(request.session, dossier.pk, tracking_token)
    request.session[SENT_KEY] = {
        **request.session.get(SENT_KEY, {}),
        str(procedure.pk): state["submission_token"],
    }
    request.session.pop(_key(procedure), None)
    return redirect("procedures:submit_done", slug=procedure.slug, token=state["submission_token"])


@never_cache
def submit_done(request, slug, token):
    entry = request.session.get(SUBMITTED_KEY, {}).get(str(token))
    if not entry:
        raise Http404
    dossier = get_object_or_404(
        Dossier.objects.select_related("procedure").prefetch_related("documents"),
        pk=entry["dossier"],
        procedure__slug=slug,
    )
    open_tracking(request.session, dossier.pk, entry["token"])
    tracking_url = request.build_absolute_uri(
        reverse("procedures:tracking_token", args=[entry["token"]])
    )
    return render(
        request,
        "procedures/submission_done.html",
        {
            "dossier": dossier,
            "procedure": dossier.procedure,
            # The staff's Vietnamese name, marked lang="vi" on the English page.
            "procedure_name": vietnamese(dossier.procedure.name),
            "tracking_url": tracking_url,
        },
    )
