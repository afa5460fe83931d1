"""“Lưu và tiếp tục sau”: the save page, its confirmation, and the link that opens the form.

The step pages send the resident here with `?buoc=<step>` once the step's input is kept
(submission._next); the services are procedures.drafts. Opening the link copies the saved
progress into the browser's session and goes to the saved step, under the form's usual
rules: nothing is consumed, so a mail scanner fetching it spends nothing.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from portal.ratelimit import hit, rate_limited, too_many_requests
from procedures import drafts
from procedures.models import DossierDraft
from procedures.resident.forms import DraftForm
from procedures.resident.submission import (
    SENT_KEY,
    _first_missing,
    _key,
    _procedure,
    _save,
    _state,
    _steps_for,
)
from procedures.validators import display_mobile

# Per procedure, what the confirmation page shows of the last save.
SAVED_KEY = "portal:draft-saved"
TITLE = gettext_lazy("Lưu và tiếp tục sau")


def _landing(procedure, state, steps, step):
    """The step the link opens: the one saved from, never past the first one not done."""
    first_missing = _first_missing(procedure, state, steps)
    if step not in steps or steps.index(step) > steps.index(first_missing):
        return first_missing
    return step


def _has_open_draft(state):
    draft_id = state.get("draft")
    return bool(draft_id) and DossierDraft.objects.live().filter(pk=draft_id).exists()


@never_cache
@sensitive_post_parameters()
@rate_limited("draft")
def draft_save(request, slug):
    procedure = _procedure(slug)
    state = _state(request, procedure)
    if state is None:
        messages.info(request, _("Phiên làm việc đã hết hạn hoặc chưa bắt đầu; xin bắt đầu lại."))
        return redirect("procedures:submit_start", slug=slug)
    steps = _steps_for(procedure)
    if not state["applicant"]:
        # Nothing worth a link yet, and no address to offer: the first step comes first.
        return redirect("procedures:submit_step", slug=slug, step=steps[0])
    step = _landing(procedure, state, steps, request.GET.get("buoc"))
    rekey = _has_open_draft(state)
    sms = settings.DOSSIER_SMS_NOTIFICATIONS
    if request.method == "POST":
        form = DraftForm(request.POST, sms=sms)
        if form.is_valid():
            email, phone = form.recipients()
            # Each save sends a message: one address or number gets only so many a day,
            # whoever asks.
            for who in filter(None, (email.lower(), phone)):
                wait = hit("draft_recipient", request, who=who)
                if wait:
                    return too_many_requests(request, wait)
            draft, _token = drafts.draft_save(
                procedure=procedure,
                state=state,
                step=step,
                email=email,
                phone=phone,
                draft_id=state.get("draft"),
            )
            state["draft"] = draft.pk
            _save(request, procedure, state)
            request.session[SAVED_KEY] = {
                **request.session.get(SAVED_KEY, {}),
                str(procedure.pk): {
                    "email": email,
                    "phone": display_mobile(phone) if phone else "",
                    "expires_at": draft.expires_at.isoformat(),
                    "step": step,
                    "rekeyed": rekey,
                },
            }
            return redirect("procedures:draft_saved", slug=slug)
    else:
        applicant = state["applicant"]
        form = DraftForm(
            sms=sms,
            initial={
                "email": applicant.get("email", ""),
                "phone": display_mobile(applicant.get("phone", "")),
            },
        )
    return render(
        request,
        "procedures/draft_save.html",
        {
            "procedure": procedure,
            "form": form,
            "step_title": TITLE,
            "step_number": steps.index(step) + 1,
            "step_count": len(steps),
            "back_url": reverse("procedures:submit_step", args=[slug, step]),
            "expires_at": drafts.expiry(),
            "rekey": rekey,
            "days": settings.DOSSIER_DRAFT_DAYS,
        },
    )


@never_cache
def draft_saved(request, slug):
    procedure = _procedure(slug)
    entry = request.session.get(SAVED_KEY, {}).get(str(procedure.pk))
    if entry is None:
        return redirect("procedures:submit_start", slug=slug)
    return render(
        request,
        "procedures/draft_saved.html",
        {
            "procedure": procedure,
            "entry": entry,
            "expires_at": datetime.datetime.fromisoformat(entry["expires_at"]),
            "continue_url": reverse("procedures:submit_step", args=[slug, entry["step"]]),
        },
    )


@never_cache
@rate_limited("submit", methods=("GET",))
def draft_resume(request, token):
    draft, problem = drafts.find(token)
    procedure = draft.procedure if draft else None
    if problem is None:
        try:
            procedure = _procedure(draft.procedure.slug)
        except Http404:
            problem = "closed"  # unpublished, or no longer taken online
    if problem:
        return render(
            request,
            "procedures/draft_closed.html",
            {"problem": problem, "procedure": procedure},
            status=404 if problem == drafts.UNKNOWN else 410,
        )
    request.session[_key(procedure)] = {**draft.state, "draft": draft.pk}
    sent = request.session.get(SENT_KEY, {})
    if sent.pop(str(procedure.pk), None):
        request.session[SENT_KEY] = sent
    steps = _steps_for(procedure)
    step = draft.step if draft.step in steps else steps[0]
    # The secret leaves the address bar (and any later Referer) at once.
    return redirect("procedures:submit_step", slug=procedure.slug, step=step)
