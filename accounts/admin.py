from django.contrib import admin

from accounts.models import ResidentAccount


@admin.register(ResidentAccount)
class ResidentAccountAdmin(admin.ModelAdmin):
    """Residents' accounts, read-only and for superusers: they hold identity data the
    provider vouched for, which nobody here may edit."""

    list_display = ("full_name", "provider_name", "verified_at", "created_at")
    search_fields = ("citizen_id",)
    readonly_fields = (
        "user",
        "issuer",
        "subject",
        "provider_name",
        "citizen_id",
        "full_name",
        "birth_date",
        "phone",
        "email",
        "verified_at",
        "created_at",
    )

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
