from django.contrib import admin
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


# Procedures, places and dossiers live in their own modules (issue 5; staff side: issue 6).
from portal import admin_dossiers, admin_procedures, admin_staff
