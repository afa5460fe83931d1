"""E-mails to residents. Each message is sent by one small function, always after commit.

The staff side (issue 6) routes these through django.tasks; keep the sending here.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def _send(subject, template, context, recipient):
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
    try:
        send_mail(subject, body, None, [recipient])
    except Exception:  # noqa: BLE001 - a mail failure must not break the resident's request
        # Never log the address or the name: the dossier code is enough to find it.
        logger.exception("Could not send %s for dossier %s", template, context["dossier"].code)
        return False
    return True


def send_receipt_email(dossier_id, tracking_url):
    """Send the receipt with the secret tracking link, when the resident gave an address."""
    from .models import Dossier

    dossier = Dossier.objects.select_related("procedure").get(pk=dossier_id)
    if not dossier.email:
        return False
    subject = f"Hồ sơ {dossier.code} đã được tiếp nhận trực tuyến"
    return _send(
        subject,
        "portal/email/dossier_received.txt",
        {"dossier": dossier, "tracking_url": tracking_url},
        dossier.email,
    )


def notify_status_change(event_id):
    """Tell the resident about a public status change (plain mail; tasks come in issue 6)."""
    from .models import DossierEvent

    event = DossierEvent.objects.select_related("dossier__procedure").get(pk=event_id)
    dossier = event.dossier
    if not dossier.email or event.from_status is None or event.actor_id is None:
        # The resident's own actions are confirmed on the page they are on.
        return False
    subject = f"Hồ sơ {dossier.code}: {event.to_status_label}"
    return _send(
        subject,
        "portal/email/dossier_status.txt",
        {"dossier": dossier, "event": event},
        dossier.email,
    )
