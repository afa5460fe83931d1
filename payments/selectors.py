"""What other apps read of payments: a dossier's fees as its tracking page shows them."""

from django.conf import settings

from payments.models import Payment


def tracking_summary(dossier):
    """Owed, outstanding, the confirmed payments (oldest first), whether to offer online.

    `dossier` needs `fee_due` and `obligation_amount` loaded; a dossier that owes nothing
    costs no query (nothing can have been paid for it).
    """
    owed = dossier.fee_due + (dossier.obligation_amount or 0)
    if not owed:
        return {"owed": 0, "outstanding": 0, "payments": [], "online": False}
    payments = list(
        Payment.objects.paid()
        .filter(dossier_id=dossier.pk)
        .only("amount", "method", "paid_at", "receipt_no")
        .order_by("paid_at", "pk")
    )
    outstanding = max(0, owed - sum(p.amount for p in payments))
    return {
        "owed": owed,
        "outstanding": outstanding,
        "payments": payments,
        "online": bool(settings.PAYMENT_GATEWAY),
    }
