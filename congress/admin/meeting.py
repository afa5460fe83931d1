"""Admin for the Congress page: its items and guests as inlines (targets: targets.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from congress.models import Congress, CongressGuest, CongressItem


class CongressItemInline(admin.StackedInline):
    model = CongressItem
    extra = 0
    fields = [("kind", "order"), "text", "text_en"]


class CongressGuestInline(admin.TabularInline):
    model = CongressGuest
    extra = 0


@admin.register(Congress)
class CongressAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "held_on", "delegates", "term"]
    list_select_related = ["term"]
    search_fields = ["name"]
    filter_horizontal = ["appointed_organs"]
    inlines = [CongressItemInline, CongressGuestInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "number",
                    "name",
                    "name_en",
                    "term",
                    "held_on",
                    "delegates",
                    "previous_term_name",
                ]
            },
        ),
        (_("Phương châm và tóm tắt"), {"fields": ["motto", "motto_en", "summary", "summary_en"]}),
        (_("Cơ quan được chỉ định"), {"fields": ["appointed_organs"]}),
    ]
