"""Admin of the procedures app: the catalogue, places and the working-day calendar.

The dossier work queue is the desk's (procedures/desk/admin.py), registered from here
because Django looks for each app's admin in `<app>.admin` only.
"""

from django import forms
from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.admin import SafeDateHierarchyMixin
from procedures import workdays
from procedures.desk import admin as desk_admin  # noqa: F401 - registers the work queue
from procedures.models import (
    CalendarOverride,
    FeeRule,
    Procedure,
    ProcedureField,
    ProcedureFormTemplate,
    ProcedureQuestion,
    Province,
    RequiredDocument,
    Ward,
)
from procedures.numbers import VietnameseNumberField


@admin.register(ProcedureField)
class ProcedureFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {}
    search_fields = ["name"]


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0
    fields = [
        "order",
        "name",
        "form",
        "copies",
        "is_mandatory",
        "accepted_types",
        "max_size_mb",
        "help_text",
    ]


class ProcedureQuestionForm(forms.ModelForm):
    """Bounds are typed the Vietnamese way, as the residents' answers are (1.000; 2,5)."""

    min_value = VietnameseNumberField(
        label=ProcedureQuestion._meta.get_field("min_value").verbose_name,
        help_text=ProcedureQuestion._meta.get_field("min_value").help_text,
        required=False,
    )
    max_value = VietnameseNumberField(
        label=ProcedureQuestion._meta.get_field("max_value").verbose_name,
        help_text=ProcedureQuestion._meta.get_field("max_value").help_text,
        required=False,
    )

    class Meta:
        model = ProcedureQuestion
        fields = [
            "order",
            "key",
            "kind",
            "required",
            "label",
            "help_text",
            "choices",
            "whole_number",
            "min_value",
            "max_value",
            "date_limit",
        ]


class ProcedureQuestionInline(admin.StackedInline):
    model = ProcedureQuestion
    form = ProcedureQuestionForm
    extra = 0
    fields = [
        ("order", "key", "kind", "required"),
        "label",
        "help_text",
        "choices",
        ("whole_number", "min_value", "max_value"),
        "date_limit",
    ]


class FeeRuleInline(admin.StackedInline):
    """The procedure's fee schedule; the numbers and dates it reads are its own questions,
    saved first."""

    model = FeeRule
    extra = 0
    fields = [
        ("order", "label", "kind", "channel"),
        ("amount", "unit_question", "free_units", "max_units", "cap", "multiplier_question"),
        ("exemption_question", "exemption_value", "exemption_within_days"),
        "exemption_label",
    ]


class ProcedureFormTemplateInline(admin.TabularInline):
    model = ProcedureFormTemplate
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "field",
        "service_level",
        "processing_days",
        "online_open",
        "is_published",
        "is_verified",
    ]
    list_filter = ["field", "service_level", "online_open", "is_published", "is_verified"]
    list_select_related = ["field"]
    search_fields = ["name", "code"]
    readonly_fields = ["updated_at"]
    inlines = [
        RequiredDocumentInline,
        ProcedureQuestionInline,
        FeeRuleInline,
        ProcedureFormTemplateInline,
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "code", "field", "summary", "is_published"]}),
        (
            _("Thực hiện"),
            {
                "fields": [
                    "implementing_body",
                    "service_level",
                    "online_open",
                    "processing_days",
                    "processing_note",
                    "same_day_cutoff",
                    "fee_amount",
                    "fee_text",
                ]
            },
        ),
        (
            _("Nội dung"),
            {"fields": ["eligibility", "steps", "result", "how_to_receive", "legal_basis"]},
        ),
        (_("Đối chiếu"), {"fields": ["is_verified", "verification_note", "updated_at"]}),
    ]


class WardInline(admin.TabularInline):
    model = Ward
    extra = 0
    fields = ["name", "kind", "slug", "is_verified", "source"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_verified"]
    search_fields = ["name"]
    inlines = [WardInline]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(SafeDateHierarchyMixin, admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "reason", "national_status", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    fields = ["date", "kind", "reason"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj):
        return date_format(obj.date, "l")

    @admin.display(description=_("theo lịch quốc gia"))
    def national_status(self, obj):
        name = workdays.national_holiday(obj.date)
        if name:
            return name
        if workdays.is_base_working_day(obj.date):
            return _("Ngày làm việc")
        return _("Ngày nghỉ cuối tuần")
