"""“Lưu và tiếp tục sau”: an online form saved behind a one-time link, opened again anywhere.

A save copies the form's session state into a DossierDraft and sends the link by e-mail
(and SMS where DOSSIER_SMS_NOTIFICATIONS is on). The link opens the form until the dossier
is sent or DOSSIER_DRAFT_DAYS pass; opening it changes nothing, so a mail scanner that
fetches it spends nothing. Saving again re-keys the same draft: the earlier link stops.

The draft's staged files stay in the private temp area while it is open: the sweeper
skips them and the form does not delete them when the resident drops or replaces one.
Once the draft closes they are ordinary orphans, swept after DOSSIER_ORPHAN_MAX_AGE_HOURS.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import Notification, NotificationChannel
from notifications.services import notify
from procedures.models import Dossier, DossierDraft
from procedures.models.dossiers import hash_tracking_token

TEMPLATE = "procedures/notifications/draft_saved"
# Why a link no longer opens the form (None: it does).
UNKNOWN, SENT, EXPIRED = "unknown", "sent", "expired"


def expiry(now=None):
    """When a draft saved at `now` stops opening."""
    return (now or timezone.now()) + dt.timedelta(days=settings.DOSSIER_DRAFT_DAYS)


def resume_url(token):
    """The link's absolute address (the site's own, not the request's Host)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("procedures:draft_resume", args=[token])
    return settings.SITE_URL.rstrip("/") + path


def draft_save(*, procedure, state, step, email="", phone="", draft_id=None):
    """Save the form's `state` to open again at `step` and send the link; return (draft, token).

    With `draft_id` of an open draft of the same form, that draft is updated and re-keyed:
    the link sent before stops working. The message carries the link, its expiry and the
    procedure's name, nothing the resident typed. `phone` gets an SMS only while
    DOSSIER_SMS_NOTIFICATIONS is on.
    """
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        draft = None
        if draft_id:
            draft = (
                DossierDraft.objects.live(now)
                .select_for_update()
                .filter(
                    pk=draft_id, procedure=procedure, submission_token=state["submission_token"]
                )
                .first()
            )
        if draft is None:
            draft = DossierDraft(
                procedure=procedure, submission_token=state["submission_token"], created_at=now
            )
        draft.token_hash = hash_tracking_token(token)
        # The session's pointer to this row is not part of what is saved.
        draft.state = {k: v for k, v in state.items() if k != "draft"}
        draft.step = step
        draft.email = email
        draft.phone = phone if settings.DOSSIER_SMS_NOTIFICATIONS else ""
        draft.saved_at = now
        draft.expires_at = expiry(now)
        draft.full_clean()
        draft.save()
        context = {
            "procedure": procedure,
            "resume_url": resume_url(token),
            "expires_at": timezone.localtime(draft.expires_at),
        }
        for channel, recipient in (
            (NotificationChannel.EMAIL, draft.email),
            (NotificationChannel.SMS, draft.phone),
        ):
            notify(
                obj=draft, channel=channel, recipient=recipient, template=TEMPLATE, context=context
            )
    return draft, token


def find(token, now=None):
    """(draft, problem) for a link's token; problem is UNKNOWN, SENT, EXPIRED or None."""
    draft = DossierDraft.objects.by_token(token).select_related("procedure").first()
    if draft is None:
        return None, UNKNOWN
    sent = Dossier.objects.filter(submission_token=draft.submission_token).exists()
    if draft.used_at or sent:
        return draft, SENT
    if draft.expires_at <= (now or timezone.now()):
        return draft, EXPIRED
    return draft, None


def mark_used(submission_token):
    """Close the drafts of a form whose dossier was just sent: their links stop opening it."""
    return DossierDraft.objects.filter(
        submission_token=submission_token, used_at__isnull=True
    ).update(used_at=timezone.now())


def kept_files(state):
    """Staged files an open draft of this form refers to, which the form must not delete.

    Only a form that was saved or opened from a link points at a draft (`state["draft"]`):
    every other form answers without a query.
    """
    if not state.get("draft"):
        return frozenset()
    drafts = DossierDraft.objects.live().filter(submission_token=state["submission_token"])
    return frozenset(name for draft in drafts.only("state") for name in draft.staged_names())


def live_staged_names(now=None):
    """Staged files of every open draft: the sweeper keeps them whatever their age."""
    drafts = DossierDraft.objects.live(now).only("state")
    return {name for draft in drafts.iterator() for name in draft.staged_names()}


def purge_closed(now=None):
    """Delete drafts closed more than a day ago with the addresses and links in their
    messages; return how many. Their staged files are left to the sweeper."""
    with transaction.atomic():
        ids = list(DossierDraft.objects.stale(now).values_list("pk", flat=True))
        if not ids:
            return 0
        Notification.objects.filter(
            target_type__app_label="procedures",
            target_type__model="dossierdraft",
            target_id__in=[str(i) for i in ids],
        ).update(recipient="", body_text="", body_html="")
        DossierDraft.objects.filter(pk__in=ids).delete()
    return len(ids)
