"""Admin of the staff side: the audit log of access to residents' data.

Dossier pages plug in `AuditEntryInline` to show who accessed the record.
"""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _

from portal.admin import ReadOnlyAdminMixin, SafeDateHierarchyMixin, target_link
from staff.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(SafeDateHierarchyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "target_type", "target", "details_summary"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "target_id"]
    date_hierarchy = "at"
    list_select_related = ["target_type"]
    fields = ["at", "actor_label", "action", "target_type", "target", "details"]
    readonly_fields = fields
    actions = None

    @admin.display(description=_("đối tượng"))
    def target(self, obj):
        return target_link(obj, obj.target_label)

    @admin.display(description=_("chi tiết"))
    def details_summary(self, obj):
        return "; ".join(f"{key}: {value}" for key, value in obj.details.items())


class AuditEntryInline(ReadOnlyAdminMixin, GenericTabularInline):
    """Who viewed, downloaded, exported or changed this object (for the dossier page)."""

    model = AuditEntry
    ct_field = "target_type"
    ct_fk_field = "target_id"
    fields = ["at", "actor_label", "action", "details"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Nhật ký truy cập")
