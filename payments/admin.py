"""The accountant's view of payments (read-only), cash at the desk, the daily reconciliation.

Payments are never edited here: an online payment is marked only by the gateway's
notification, cash is recorded through `services.record_cash_payment` (the form below),
so both obey the same rules and receipts.
"""

from functools import update_wrapper

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments import reconciliation, services
from payments.constants import PaymentStatus
from payments.forms import CashPaymentForm, ReconciliationForm
from payments.models import Payment, PaymentEvent
from payments.views import receipt_response
from procedures import access
from procedures.csv_export import csv_response
from procedures.models import Dossier
from staff.audit import AuditAction, audit

EXPORT = "payments.export_reconciliation"
RECORD_CASH = "payments.record_cash_payment"


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    fields = ("created_at", "kind", "detail")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = (
        "txn_ref",
        "dossier",
        "amount",
        "method",
        "status",
        "paid_at",
        "receipt_link",
    )
    list_filter = ("status", "method", "gateway")
    date_hierarchy = "paid_at"
    search_fields = ("txn_ref", "receipt_no", "gateway_txn_no", "dossier__code")
    list_select_related = ("dossier",)
    inlines = [PaymentEventInline]
    change_list_template = "payments/admin/change_list.html"
    readonly_fields = [f.name for f in Payment._meta.fields]
    fieldsets = (
        (None, {"fields": ("dossier", "amount", "method", "status", "receipt_no")}),
        (
            gettext_lazy("Cổng thanh toán"),
            {"fields": ("gateway", "txn_ref", "gateway_txn_no", "bank_code", "notification")},
        ),
        (
            gettext_lazy("Thời điểm"),
            {"fields": ("created_at", "expires_at", "paid_at", "cashier")},
        ),
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("Biên lai"), ordering="receipt_no")
    def receipt_link(self, obj):
        if not obj.receipt_no:
            return "—"
        url = reverse("admin:payments_payment_receipt", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.receipt_no)

    def changelist_view(self, request, extra_context=None):
        context = {
            **(extra_context or {}),
            "can_export": request.user.has_perm(EXPORT),
            "can_record_cash": request.user.has_perm(RECORD_CASH),
            "reconciliation_form": ReconciliationForm(),
        }
        return super().changelist_view(request, context)

    def get_urls(self):
        def wrap(view):
            def bound(request, *args, **kwargs):
                return view(request, *args, **kwargs)

            return self.admin_site.admin_view(update_wrapper(bound, view))

        own = [
            path("thu-tien-mat/", wrap(self.cash_view), name="payments_payment_cash"),
            path("doi-soat/", wrap(self.reconciliation_view), name="payments_payment_export"),
            path("<int:pk>/bien-lai/", wrap(self.receipt_view), name="payments_payment_receipt"),
        ]
        return own + super().get_urls()

    def cash_view(self, request):
        """Thu tiền mặt: record cash taken at the desk for a dossier the officer can see."""
        if not request.user.has_perm(RECORD_CASH):
            raise PermissionDenied
        initial = {"code": request.GET.get("code", "")}
        form = CashPaymentForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            dossier = Dossier.objects.filter(code=form.cleaned_data["code"].strip()).first()
            if dossier is None or not access.can_see(request.user, dossier):
                form.add_error("code", _("Không tìm thấy hồ sơ."))
            else:
                try:
                    payment = services.record_cash_payment(
                        dossier=dossier, amount=form.cleaned_data["amount"], cashier=request.user
                    )
                except services.PaymentRefused as exc:
                    form.add_error("amount", exc)
                else:
                    messages.success(
                        request,
                        _("Đã thu %(amount)s đồng, biên lai %(no)s.")
                        % {"amount": payment.amount, "no": payment.receipt_no},
                    )
                    return redirect("admin:payments_payment_change", payment.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Thu tiền mặt"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "payments/admin/cash_form.html", context)

    def reconciliation_view(self, request):
        """The day's reconciliation CSV (?date=YYYY-MM-DD), audited as an export."""
        if not request.user.has_perm(EXPORT):
            raise PermissionDenied
        form = ReconciliationForm(request.GET)
        if not form.is_valid():
            messages.error(request, _("Chọn ngày cần đối soát."))
            return redirect("admin:payments_payment_changelist")
        day = form.cleaned_data["date"]
        audit(actor=request.user, action=AuditAction.EXPORT, kind="payments", date=str(day))
        return csv_response(
            reconciliation.filename(day), reconciliation.header(), reconciliation.rows(day)
        )

    def receipt_view(self, request, pk):
        payment = get_object_or_404(Payment.objects.select_related("dossier__procedure"), pk=pk)
        if not self.has_view_permission(request, payment) or not access.can_see(
            request.user, payment.dossier
        ):
            raise PermissionDenied
        if payment.status != PaymentStatus.PAID:
            raise Http404
        audit(
            actor=request.user,
            action=AuditAction.DOWNLOAD,
            target=payment,
            receipt_no=payment.receipt_no,
        )
        return receipt_response(payment)
