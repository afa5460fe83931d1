"""Mails about a dossier, queued through portal.notifications.notify (after commit, retried).

Call these inside the transaction that makes the change: notify() stores the message with
it and sends only once it commits, so a rolled-back change sends nothing.
"""

from .models import NotificationChannel
from .notifications import notify


def queue_receipt_email(dossier, tracking_url):
    """The receipt with the secret tracking link, when the resident gave an address."""
    return notify(
        obj=dossier,
        channel=NotificationChannel.EMAIL,
        recipient=dossier.email,
        template="portal/notifications/dossier_received",
        context={"dossier": dossier, "tracking_url": tracking_url},
    )


def queue_status_email(dossier, event):
    """Tell the resident about a status change made by staff (their own are on screen)."""
    if event.actor_id is None:
        return None
    return notify(
        obj=dossier,
        channel=NotificationChannel.EMAIL,
        recipient=dossier.email,
        template="portal/notifications/dossier_status",
        context={"dossier": dossier, "event": event},
    )
