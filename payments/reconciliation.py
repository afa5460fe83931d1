"""The accountant's reconciliation of one day: every payment confirmed that day (local
time), one row each, in the columns a gateway's daily statement is compared on."""

from django.utils.translation import gettext as _

from payments.models import Payment


def header():
    return [
        _("Mã giao dịch (TxnRef)"),
        _("Mã giao dịch tại cổng"),
        _("Số tiền (đồng)"),
        _("Thời điểm thanh toán"),
        _("Số biên lai"),
        _("Hình thức"),
        _("Cổng thanh toán"),
        _("Mã hồ sơ"),
    ]


def payments_of(day):
    return (
        Payment.objects.paid_on(day)
        .select_related("dossier")
        .only(
            "txn_ref",
            "gateway_txn_no",
            "amount",
            "paid_at",
            "receipt_no",
            "method",
            "gateway",
            "dossier__code",
        )
        .order_by("paid_at", "pk")
    )


def rows(day):
    for p in payments_of(day).iterator():
        yield [
            p.txn_ref,
            p.gateway_txn_no,
            p.amount,
            p.paid_at,
            p.receipt_no,
            p.get_method_display(),
            p.gateway,
            p.dossier.code,
        ]


def filename(day):
    return f"doi-soat-thanh-toan-{day:%Y-%m-%d}.csv"
