"""Retention: closed reports lose their sender's data and private photos after a set period.

Personal Data Protection Law 91/2025/QH15: data are kept no longer than the purpose needs.
``FEEDBACK_RETENTION_DAYS`` (two years by default) after the last change of a closed
report (answered, refused or merged), `anonymise` blanks the sender's name, phone, e-mail,
the address and the words as sent, the sender's notes in the history and the addresses in
sent messages, and deletes the photos never made public. The edited public copy, the
answer, the topic and the dates stay: the public page and the statistics do not change.

The history (FeedbackEvent) is append-only for everyone else; blanking its sender's notes
here is the one deliberate exception, made with a plain QuerySet so the guard stays in force
for all other code.
"""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from feedback.constants import CLOSED_STATUSES
from feedback.models import Feedback, FeedbackEvent, FeedbackPhoto
from notifications.models import Notification
from portal.maintenance import purge_in_batches
from staff.audit import AuditAction, audit

PLACEHOLDER = "(đã ẩn danh)"


def due_for_purge(now=None, days=None):
    now = now or timezone.now()
    days = settings.FEEDBACK_RETENTION_DAYS if days is None else days
    return Feedback.objects.filter(
        status__in=CLOSED_STATUSES,
        anonymised_at__isnull=True,
        updated_at__lt=now - dt.timedelta(days=days),
    )


def anonymise(ids, *, now=None):
    """Strip the sender's data and private photos from the reports `ids`; return how many."""
    now = now or timezone.now()
    ids = list(ids)
    if not ids:
        return 0
    with transaction.atomic():
        # Files go after commit (FeedbackPhoto's post_delete handler).
        for photo in FeedbackPhoto.objects.filter(feedback_id__in=ids, is_public=False):
            photo.delete()
        count = Feedback.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
            name=PLACEHOLDER,
            phone="",
            email="",
            address="",
            title=PLACEHOLDER,
            content=PLACEHOLDER,
            anonymised_at=now,
        )
        models.QuerySet(FeedbackEvent).filter(feedback_id__in=ids).update(sender_note="")
        Notification.objects.filter(
            target_type__app_label="feedback",
            target_type__model="feedback",
            target_id__in=[str(i) for i in ids],
        ).update(recipient="", body_text="", body_html="")
    return count


def purge(*, now=None, days=None, batch=500, actor=None):
    """Anonymise every report past retention, in batches; return the total."""
    total = purge_in_batches(lambda: due_for_purge(now, days), anonymise, now=now, batch=batch)
    if total:
        audit(actor=actor, action=AuditAction.PURGE, target=None, feedback=total)
    return total
