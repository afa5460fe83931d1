"""What the tracking page and the dossier's admin page show of a result and its delivery."""

from django.core.exceptions import ObjectDoesNotExist

from results.constants import CLOSED_STATUSES, DeliveryChannel
from results.forms import DeliveryChoiceForm
from results.models import default_channel

# Read with the tracking page's one query (procedures.resident.tracking): the dossier's
# result and delivery rows are joined, only the columns the page shows.
TRACKING_RELATIONS = ("result", "delivery")
TRACKING_COLUMNS = (
    "channel",
    "result__dossier_id",
    "result__original_name",
    "result__size",
    "result__uploaded_at",
    "result__has_signature",
    "result__signer",
    "result__signed_at",
    "result__intact",
    "result__trusted",
    "result__trust_checked",
    "delivery__dossier_id",
    "delivery__channel",
    "delivery__postal_address",
    "delivery__chosen_at",
    "delivery__first_downloaded_at",
    "delivery__delivered_at",
    "delivery__delivered_how",
)


def related_or_none(dossier, name):
    """The dossier's `result` or `delivery` row, or None (no query when it was joined)."""
    try:
        return getattr(dossier, name)
    except ObjectDoesNotExist:
        return None


def can_choose(dossier, delivery):
    return dossier.status not in CLOSED_STATUSES and not (delivery and delivery.delivered_at)


def tracking_context(dossier, delivery_form=None):
    """The results block of the tracking page (templates/results/_tracking_result.html)."""
    result = related_or_none(dossier, "result")
    delivery = related_or_none(dossier, "delivery")
    channel = DeliveryChannel(delivery.channel if delivery else default_channel(dossier))
    choosing = can_choose(dossier, delivery)
    if choosing and delivery_form is None:
        delivery_form = DeliveryChoiceForm(
            initial={
                "channel": channel,
                "postal_address": delivery.postal_address if delivery else "",
            }
        )
    return {
        "result": result,
        "result_delivery": delivery,
        "result_channel": channel,
        "result_can_choose": choosing,
        "delivery_form": delivery_form if choosing else None,
    }
