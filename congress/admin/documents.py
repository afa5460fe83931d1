"""Admin for the documents register."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from congress.models import Document, IssuingBody


@admin.register(IssuingBody)
class IssuingBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    fields = ["name", "slug", "order"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "doc_type", "issuing_body", "issued_on", "is_public", "has_file"]
    list_filter = ["doc_type", "issuing_body", "is_public", "is_illustrative"]
    list_select_related = ["issuing_body"]
    search_fields = ["number", "summary", "signer"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["related_articles"]
    fieldsets = [
        (None, {"fields": ["doc_type", "number", "issuing_body", "summary", "signer"]}),
        (_("Ngày tháng"), {"fields": ["issued_on", "effective_on"]}),
        (_("Tệp và hiển thị"), {"fields": ["file", "is_illustrative", "is_public", "slug"]}),
        (_("Liên kết"), {"fields": ["related_articles"]}),
    ]

    @admin.display(description=_("có tệp"), boolean=True)
    def has_file(self, obj):
        return bool(obj.file)
