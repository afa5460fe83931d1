"""Admin for the term targets and their values: values are added, never changed or deleted.

The history of a target is a record: an editor adds a value (with its date and source);
a wrong one is put right by a new value that names it ("đính chính") with the reason, so
both stay visible. No one, not even a superuser, edits or deletes a value here.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congress import services
from congress.constants import TargetComputation
from congress.models import Target, TargetValue


class TargetValueInline(admin.TabularInline):
    """The history, read-only: new values are added on their own form."""

    model = TargetValue
    fk_name = "target"
    extra = 0
    can_delete = False
    fields = ["measured_on", "value", "source", "note", "corrects", "is_demo", "entered_by"]
    readonly_fields = fields
    ordering = ["-measured_on", "-entered_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entered_by", "corrects")


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "term", "target_shown", "computed_from", "value_count"]
    list_display_links = ["name"]
    list_filter = ["term", "computed_from", "unit"]
    search_fields = ["name", "name_en", "code"]
    inlines = [TargetValueInline]
    fieldsets = [
        (None, {"fields": ["term", "order", "code", "name", "name_en"]}),
        (
            _("Mục tiêu"),
            {"fields": ["target_value", "unit", "direction", "due_on", "note", "note_en"]},
        ),
        (
            _("Giá trị xuất phát (nhiệm kỳ trước)"),
            {
                "fields": [
                    "baseline_value",
                    "baseline_on",
                    "baseline_label",
                    "baseline_label_en",
                    "baseline_source",
                ]
            },
        ),
        (_("Nguồn số liệu tiến độ"), {"fields": ["computed_from"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_values=Count("values"))

    def has_delete_permission(self, request, obj=None):
        # A target is a decision of the Congress, and its history hangs on it.
        return False

    @admin.display(description=_("mục tiêu"))
    def target_shown(self, obj):
        return obj.display_value()

    @admin.display(description=_("số liệu đã nhập"), ordering="n_values")
    def value_count(self, obj):
        return obj.n_values


@admin.register(TargetValue)
class TargetValueAdmin(admin.ModelAdmin):
    list_display = [
        "target",
        "value_shown",
        "measured_on",
        "source",
        "corrects",
        "is_demo",
        "entered_by",
        "entered_at",
    ]
    list_filter = ["target", "is_demo"]
    list_select_related = ["target", "entered_by", "corrects__target"]
    search_fields = ["target__name", "source", "note"]
    date_hierarchy = "measured_on"
    autocomplete_fields = ["corrects"]
    actions = ["count_corrected"]
    fieldsets = [
        (None, {"fields": ["target", "value", "measured_on", "source"]}),
        (_("Đính chính"), {"fields": ["corrects", "note"]}),
    ]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        # No bulk delete either: the changelist offers only what leaves the record whole.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "value":
            kwargs["localize"] = True  # "96,1" as an editor writes it (decimal comma)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "target":
            # The fully-online share is measured by the portal, never typed in.
            kwargs["queryset"] = Target.objects.filter(computed_from=TargetComputation.EDITOR)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        row = services.target_value_add(
            target=obj.target,
            value=obj.value,
            measured_on=obj.measured_on,
            source=obj.source,
            note=obj.note,
            corrects=obj.corrects,
            entered_by=request.user,
        )
        # The admin logs and redirects with the form's object: give it the saved row's key.
        obj.pk = row.pk

    @admin.display(description=_("giá trị"))
    def value_shown(self, obj):
        return obj.display_value()

    @admin.action(description=_("Kiểm tra số liệu đã chọn có bị đính chính chưa"))
    def count_corrected(self, request, queryset):
        corrected = queryset.filter(corrections__isnull=False).distinct().count()
        total = queryset.count()
        messages.info(
            request,
            ngettext(
                "%(corrected)d trong %(total)d số liệu đã chọn đã được đính chính.",
                "%(corrected)d trong %(total)d số liệu đã chọn đã được đính chính.",
                total,
            )
            % {"corrected": corrected, "total": total},
        )
