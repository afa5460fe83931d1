"""The resident's "the result is ready" message: e-mail, and SMS when they are switched on."""

from django.conf import settings

from notifications.models import NotificationChannel
from notifications.services import notify
from procedures.mail import tracking_page_url
from results.constants import DeliveryChannel

TEMPLATE = "results/notifications/result_ready"


def queue_result_ready(dossier, delivery):
    """Queue the message inside the caller's transaction (sent only once it commits)."""
    context = {
        "dossier": dossier,
        "delivery": delivery,
        "online": delivery.channel == DeliveryChannel.ONLINE,
        "by_post": delivery.channel == DeliveryChannel.POST,
        "tracking_page_url": tracking_page_url(),
    }
    channels = [(NotificationChannel.EMAIL, dossier.email)]
    if settings.DOSSIER_SMS_NOTIFICATIONS:
        channels.append((NotificationChannel.SMS, dossier.phone))
    sent = [
        notify(
            obj=dossier, channel=channel, recipient=recipient, template=TEMPLATE, context=context
        )
        for channel, recipient in channels
    ]
    return [n for n in sent if n is not None]
