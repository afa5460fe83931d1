"""Read-only inlines of the dossier page: documents, history, requests, dates, apologies,
fee adjustments."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.admin import ReadOnlyAdminMixin
from procedures import access
from procedures.constants import PrintForm
from procedures.models import (
    Apology,
    DossierDocument,
    DossierEvent,
    DueDateChange,
    FeeAdjustment,
    SupplementRequest,
)


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class DossierEventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ["created_at", "from_status", "to_status", "actor", "public_note", "internal_note"]
    readonly_fields = fields
    verbose_name_plural = _("Quá trình xử lý")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class DossierDocumentInline(ReadOnlyInline):
    model = DossierDocument
    fields = ["document_name", "download", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields
    verbose_name_plural = _("Giấy tờ đã nộp")

    @admin.display(description=_("tệp"))
    def download(self, obj):
        if obj.on_paper:
            return gettext("Nhận bản giấy tại Trung tâm")
        url = reverse("admin:procedures_dossier_download", args=[obj.dossier_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


class SupplementRequestInline(ReadOnlyInline):
    model = SupplementRequest
    fields = ["created_at", "note", "requested_documents", "fulfilled_at", "print_link"]
    readonly_fields = fields
    verbose_name_plural = _("Yêu cầu bổ sung")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("documents")

    @admin.display(description=_("giấy tờ cần bổ sung"))
    def requested_documents(self, obj):
        return "; ".join(d.name for d in obj.documents.all())

    @admin.display(description=_("phiếu"))
    def print_link(self, obj):
        url = reverse(
            "admin:procedures_dossier_print", args=[obj.dossier_id, PrintForm.SUPPLEMENT, obj.pk]
        )
        return format_html('<a href="{}">{}</a>', url, gettext("In mẫu 02"))


class DueDateChangeInline(ReadOnlyInline):
    model = DueDateChange
    fields = ["created_at", "kind", "old_due_at", "new_due_at", "actor"]
    readonly_fields = fields
    verbose_name_plural = _("Thay đổi ngày hẹn")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ApologyInline(ReadOnlyInline):
    model = Apology
    fields = ["created_at", "old_due_at", "new_due_at", "reason", "actor", "print_link"]
    readonly_fields = fields
    verbose_name_plural = _("Phiếu xin lỗi và đề nghị gia hạn")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("phiếu"))
    def print_link(self, obj):
        url = reverse(
            "admin:procedures_dossier_print", args=[obj.dossier_id, PrintForm.APOLOGY, obj.pk]
        )
        return format_html('<a href="{}">{}</a>', url, gettext("In mẫu 04"))


class FeeAdjustmentInline(ReadOnlyInline):
    model = FeeAdjustment
    fields = ["created_at", "old_amount", "new_amount", "reason", "actor"]
    readonly_fields = fields
    verbose_name_plural = _("Điều chỉnh phí, lệ phí")

    def has_view_permission(self, request, obj=None):
        # Part of the dossier's history: whoever may see the dossier sees them (the roles
        # predate this model and name no permission of it).
        if obj is None:
            return request.user.has_perm(access.VIEW)
        return access.can_see(request.user, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")
