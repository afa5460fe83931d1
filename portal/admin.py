"""Admin of the ward's profile, and what every app's admin shares."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.models import PredecessorWard, WardProfile


class PredecessorWardInline(admin.TabularInline):
    model = PredecessorWard
    extra = 0


@admin.register(WardProfile)
class WardProfileAdmin(admin.ModelAdmin):
    inlines = [PredecessorWardInline]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "city", "authority", "tagline", "introduction"]}),
        (
            _("Liên hệ"),
            {
                "fields": [
                    "address",
                    "phone",
                    "hotline",
                    "email",
                    "office_hours",
                    "contacts_are_demo",
                ]
            },
        ),
        (
            _("Số liệu và thành lập"),
            {
                "fields": [
                    "area_km2",
                    "population",
                    "founding_resolution",
                    "founding_resolution_body",
                    "founding_resolution_date",
                    "established_on",
                    "service_centre",
                ]
            },
        ),
        (_("Hệ thống"), {"fields": ["updated_at"]}),
    ]

    def has_add_permission(self, request):
        # One profile for the whole site.
        return super().has_add_permission(request) and not WardProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdminMixin:
    """Nobody adds, edits or deletes here, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def target_link(obj, label):
    """Link to the target's admin page when it has one, else the plain label."""
    if not obj.target_type_id:
        return "–"
    content_type = obj.target_type
    try:
        url = reverse(
            f"admin:{content_type.app_label}_{content_type.model}_change",
            args=[obj.target_id],
        )
    except NoReverseMatch:
        return label or f"{content_type.name} #{obj.target_id}"
    return format_html('<a href="{}">{}</a>', url, label or f"#{obj.target_id}")
