"""Read-only admin of the look-up's data: it comes from Resolution 1669/NQ-UBTVQH15 through a
data migration (addresses/data/), so staff can check it here but change it only there."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from addresses.models import Mapping, NewUnit, OldUnit


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MappingInline(admin.TabularInline):
    model = Mapping
    extra = 0
    fields = ["old", "new", "share", "remainder_after"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("old", "new")


@admin.register(NewUnit)
class NewUnitAdmin(ReadOnlyAdmin):
    list_display = ["item", "kind", "name", "province"]
    list_filter = ["kind"]
    search_fields = ["name"]
    fieldsets = [(_("Đơn vị mới"), {"fields": ["province", "kind", "name", "item", "resolution"]})]
    inlines = [MappingInline]


@admin.register(OldUnit)
class OldUnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "district", "province", "code"]
    list_filter = ["province", "kind", "district"]
    search_fields = ["name", "folded", "district", "code"]
    fieldsets = [(_("Đơn vị cũ"), {"fields": ["province", "district", "kind", "name", "code"]})]
    inlines = [MappingInline]


@admin.register(Mapping)
class MappingAdmin(ReadOnlyAdmin):
    list_display = ["old", "new", "share", "item"]
    list_filter = ["share", "old__province"]
    list_select_related = ["old", "new"]
    search_fields = ["old__name", "old__folded", "new__name"]

    @admin.display(description=_("khoản"), ordering="new__item")
    def item(self, obj):
        return obj.new.item
