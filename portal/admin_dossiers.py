"""A read-only view of dossiers for now; the work queue and its actions are issue 6.

Nothing here can change a status: the history is shown, never edited.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Dossier, DossierDocument, DossierEvent


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "from_status", "to_status", "actor", "public_note", "internal_note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DossierDocumentInline(admin.TabularInline):
    model = DossierDocument
    extra = 0
    can_delete = False
    fields = ["document_name", "original_name", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["code", "procedure", "status", "channel", "submitted_at", "due_date"]
    list_filter = ["status", "channel", "procedure__field"]
    list_select_related = ["procedure"]
    search_fields = ["code"]
    date_hierarchy = "submitted_at"
    inlines = [DossierDocumentInline, DossierEventInline]
    fieldsets = [
        (None, {"fields": ["code", "procedure", "status", "channel", "submitted_at", "due_date"]}),
        (
            _("Người nộp"),
            {
                "fields": [
                    "applicant_name",
                    "id_number",
                    "birth_date",
                    "sex",
                    "phone",
                    "email",
                    "province",
                    "ward",
                    "ward_name",
                    "street",
                ]
            },
        ),
        (_("Trả lời và đồng ý"), {"fields": ["answers", "privacy_notice_version", "consent_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Dossier._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
