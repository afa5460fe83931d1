"""Mails about a dossier, queued through notifications.services.notify (after commit, retried).

Call these inside the transaction that makes the change: notify() stores the message with
it and sends only once it commits, so a rolled-back change sends nothing.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from notifications.models import NotificationChannel
from notifications.services import notify


def queue_receipt_email(dossier, tracking_url):
    """The receipt with the secret tracking link, when the resident gave an address."""
    return notify(
        obj=dossier,
        channel=NotificationChannel.EMAIL,
        recipient=dossier.email,
        template="procedures/notifications/dossier_received",
        context={"dossier": dossier, "tracking_url": tracking_url},
    )


def tracking_page_url():
    """Absolute address of the public tracking page (staff actions have no request)."""
    with translation.override(settings.LANGUAGE_CODE):
        return settings.SITE_URL.rstrip("/") + reverse("procedures:tracking")


def _notify_resident(dossier, template, context):
    """E-mail when an address is known; SMS too when DOSSIER_SMS_NOTIFICATIONS is on."""
    context = {"dossier": dossier, "tracking_page_url": tracking_page_url(), **context}
    sent = [
        notify(
            obj=dossier,
            channel=NotificationChannel.EMAIL,
            recipient=dossier.email,
            template=template,
            context=context,
        )
    ]
    if settings.DOSSIER_SMS_NOTIFICATIONS:
        sent.append(
            notify(
                obj=dossier,
                channel=NotificationChannel.SMS,
                recipient=dossier.phone,
                template=template,
                context=context,
            )
        )
    return [n for n in sent if n is not None]


def queue_status_email(dossier, event):
    """Tell the resident about a status change made by staff (their own are on screen)."""
    if event.actor_id is None:
        return None
    return _notify_resident(dossier, "procedures/notifications/dossier_status", {"event": event})


def queue_apology(dossier, apology):
    """Form 04 to the resident: the dossier will be late, the new date and why."""
    return _notify_resident(
        dossier, "procedures/notifications/dossier_apology", {"apology": apology}
    )
