"""The result panel of the dossier's admin page."""

from django import template

from procedures.constants import DossierStatus
from results import services
from results.forms import ResultUploadForm
from results.models import DossierResult, ResultDelivery, default_channel

register = template.Library()


@register.inclusion_tag("results/admin_panel.html", takes_context=True)
def dossier_result_panel(context):
    dossier = context["original"]
    user = context["request"].user
    delivery = ResultDelivery.objects.filter(dossier=dossier).first()
    result = DossierResult.objects.filter(dossier=dossier).select_related("uploaded_by").first()
    channel = delivery.get_channel_display() if delivery else default_channel(dossier).label
    return {
        "dossier": dossier,
        "result": result,
        "delivery": delivery,
        "channel_label": channel,
        "can_upload": services.can_upload(user, dossier)
        and not (delivery and (delivery.delivered_at or delivery.first_downloaded_at)),
        "finishes": dossier.status == DossierStatus.PROCESSING,
        "form": ResultUploadForm(),
        "csrf_token": context.get("csrf_token"),
    }
