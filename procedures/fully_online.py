"""Which dossiers were handled fully online (toàn trình), and what stopped the others.

A dossier is handled fully online when it was submitted online, every fee it owed was paid
online (or it owed none), and its result reached the resident electronically (his own
download of the electronic result). The Congress's target is 95 % of handled dossiers; a
dossier counts once its result has been handed over (status "Đã trả kết quả"), whichever
way. Each rule reads the record of the app that holds the fact: the dossier's channel
(procedures), cash taken at the desk (payments), the delivery (results).
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from payments.constants import PaymentMethod, PaymentStatus
from payments.models import Payment
from procedures.constants import Channel, DossierStatus
from results.constants import DeliveryMethod
from results.models import ResultDelivery

TARGET = 95  # per cent of handled dossiers, the 1st Congress's target (term 2025–2030)

HANDLED = Q(status=DossierStatus.RETURNED)
SUBMITTED_ONLINE = Q(channel=Channel.ONLINE)
PAID_AT_DESK = Exists(
    Payment.objects.filter(
        dossier=OuterRef("pk"), method=PaymentMethod.CASH, status=PaymentStatus.PAID
    )
)
DELIVERED_ELECTRONICALLY = Exists(
    ResultDelivery.objects.filter(dossier=OuterRef("pk"), delivered_how=DeliveryMethod.ELECTRONIC)
)
FULLY_ONLINE = Q(HANDLED, SUBMITTED_ONLINE, ~PAID_AT_DESK, DELIVERED_ELECTRONICALLY)

# What stopped a handled dossier short of fully online (one dossier may have several).
REASONS = {
    "submitted_at_desk": (Q(HANDLED, ~SUBMITTED_ONLINE), _("nộp trực tiếp tại Bộ phận Một cửa")),
    "paid_at_desk": (Q(HANDLED, PAID_AT_DESK), _("nộp phí, lệ phí bằng tiền mặt tại quầy")),
    "result_in_person": (
        Q(HANDLED, ~DELIVERED_ELECTRONICALLY),
        _("nhận kết quả tại quầy hoặc qua bưu chính"),
    ),
}


def facts(dossier):
    """(fully online: True, False or None while not handed over; the reasons it is not)."""
    from procedures.models import Dossier

    if dossier.status != DossierStatus.RETURNED:
        return None, []
    row = (
        Dossier.objects.filter(pk=dossier.pk)
        .annotate(paid_at_desk=PAID_AT_DESK, electronic=DELIVERED_ELECTRONICALLY)
        .values("channel", "paid_at_desk", "electronic")
        .get()
    )
    reasons = []
    if row["channel"] != Channel.ONLINE:
        reasons.append(REASONS["submitted_at_desk"][1])
    if row["paid_at_desk"]:
        reasons.append(REASONS["paid_at_desk"][1])
    if not row["electronic"]:
        reasons.append(REASONS["result_in_person"][1])
    return not reasons, reasons
