"""Notify residents by e-mail or SMS, after commit, with bounded retries.

`notify()` renders the message now (so the record shows exactly what was sent), stores a
`Notification` and enqueues the send in `transaction.on_commit`: a change that rolls back
sends nothing, and the request never waits on the mail server when the database task
backend is used. The task (`notifications.tasks.send_notification`) calls `deliver()`, which
records every attempt; a failure is retried after 1, 4, 16, 64 … × NOTIFICATION_RETRY_BACKOFF
seconds until NOTIFICATION_MAX_ATTEMPTS, then marked failed.

Templates, for ``template="procedures/notifications/dossier_accepted"``:
``….subject.txt``, ``….txt`` and ``….html`` for e-mail; ``….sms.txt`` for SMS. They are
rendered in Vietnamese with the caller's context plus ``ward`` (the ward profile).
"""

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications.models import Notification, NotificationChannel, NotificationStatus
from notifications.sms import send_sms
from portal.masking import mask_email, mask_phone, mask_text
from portal.models import WardProfile

logger = logging.getLogger(__name__)

__all__ = ["deliver", "notify", "retry_delay"]


def notify(*, obj, channel, recipient, template, context=None):
    """Record a notification about `obj` and send it once the transaction commits.

    Returns the Notification, or None when no recipient is known (nothing to send).
    """
    channel = NotificationChannel(channel)
    recipient = (recipient or "").strip()
    if not recipient:
        return None
    if channel == NotificationChannel.EMAIL:
        validate_email(recipient)
    subject, text, html = _render(channel, template, context or {})
    notification = Notification(
        channel=channel,
        recipient=recipient,
        recipient_masked=(
            mask_email(recipient) if channel == NotificationChannel.EMAIL else mask_phone(recipient)
        ),
        template=template,
        subject=subject,
        body_text=text,
        body_html=html,
        next_attempt_at=timezone.now(),
    )
    if obj is not None:
        notification.target = obj
    notification.save()
    transaction.on_commit(partial(enqueue, notification.pk), robust=True)
    return notification


def _render(channel, template, context):
    context = {"ward": WardProfile.load(), **context}
    with translation.override(settings.LANGUAGE_CODE):
        if channel == NotificationChannel.SMS:
            return "", render_to_string(f"{template}.sms.txt", context).strip(), ""
        subject = render_to_string(f"{template}.subject.txt", context)
        subject = " ".join(subject.split())  # one line: headers cannot hold newlines
        text = render_to_string(f"{template}.txt", context).strip() + "\n"
        html = render_to_string(f"{template}.html", context)
    return subject, text, html


def enqueue(notification_id, run_after=None):
    """Hand the send to the task backend; a failure here leaves it for the sweeper."""
    from notifications.tasks import send_notification  # notifications.tasks imports this module

    task = send_notification
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the immediate backend cannot wait: `send_queued_notifications` will
        task = task.using(run_after=run_after)
    try:
        task.enqueue(notification_id)
    except Exception:  # noqa: BLE001 - the notification stays queued and is swept later
        logger.exception("Could not enqueue notification %s", notification_id)


def retry_delay(attempts):
    """Seconds to wait after the `attempts`-th failed attempt (exponential, ×4)."""
    return settings.NOTIFICATION_RETRY_BACKOFF * 4 ** (attempts - 1)


def deliver(notification_id):
    """Make one attempt to send a queued notification and record the outcome.

    Returns the new status, or None when there was nothing to do (already sent, failed
    for good, or not due yet because another worker holds it).
    """
    now = timezone.now()
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status != NotificationStatus.QUEUED:
            return None
        if notification.next_attempt_at and notification.next_attempt_at > now:
            return None
        notification.attempts += 1
        # A lease: should this worker die mid-send, the sweeper retries after the delay.
        notification.next_attempt_at = now + dt.timedelta(
            seconds=retry_delay(notification.attempts)
        )
        notification.save(update_fields=["attempts", "next_attempt_at", "updated_at"])

    try:
        _send(notification)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        return _record_failure(notification, exc)
    notification.status = NotificationStatus.SENT
    notification.sent_at = timezone.now()
    notification.next_attempt_at = None
    notification.save(update_fields=["status", "sent_at", "next_attempt_at", "updated_at"])
    return notification.status


def _send(notification):
    if notification.channel == NotificationChannel.SMS:
        send_sms(notification.recipient, notification.body_text)
        return
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        # RFC 3834: stops out-of-office replies to an automatic message.
        headers={"Auto-Submitted": "auto-generated"},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    message.send()


def _record_failure(notification, exc):
    # Errors may quote the address (SMTPRecipientsRefused does): mask before storing.
    notification.last_error = mask_text(f"{type(exc).__name__}: {exc}")[:1000]
    if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        notification.status = NotificationStatus.FAILED
        notification.next_attempt_at = None
        logger.error(
            "Notification %s failed for good after %s attempts: %s",
            notification.pk,
            notification.attempts,
            notification.last_error,
        )
    else:
        logger.warning(
            "Notification %s attempt %s failed, retrying at %s: %s",
            notification.pk,
            notification.attempts,
            notification.next_attempt_at,
            notification.last_error,
        )
    notification.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
    if notification.status == NotificationStatus.QUEUED:
        enqueue(notification.pk, run_after=notification.next_attempt_at)
    return notification.status


def send_queued(now=None):
    """Enqueue every queued notification that is due (the sweeper); return how many."""
    now = now or timezone.now()
    ids = list(Notification.objects.due(now).values_list("pk", flat=True))
    for notification_id in ids:
        enqueue(notification_id)
    return len(ids)
