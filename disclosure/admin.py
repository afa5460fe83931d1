"""Admin for disclosure entries: the editors' work list, saving through disclosure.services."""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from disclosure import services
from disclosure.models import DisclosureEntry, DisclosureFile


class DisclosureFileInline(admin.TabularInline):
    model = DisclosureFile
    extra = 1
    fields = ["title", "file", "order"]


class PostingFilter(admin.SimpleListFilter):
    title = _("thời hạn niêm yết")
    parameter_name = "posting"

    def lookups(self, request, model_admin):
        return [("open", _("Đang niêm yết")), ("ended", _("Đã hết thời hạn"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "open":
            return queryset.filter(posted_on__lte=today).filter(
                Q(posted_until__gte=today) | Q(posted_until__isnull=True)
            )
        if self.value() == "ended":
            return queryset.filter(posted_until__lt=today)
        return queryset


@admin.register(DisclosureEntry)
class DisclosureEntryAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "period_display",
        "posted_on",
        "posted_until",
        "status",
        "is_demo",
    ]
    list_filter = ["category", "status", PostingFilter, "is_demo", "period_year"]
    search_fields = ["title", "summary", "files__title"]
    date_hierarchy = "posted_on"
    inlines = [DisclosureFileInline]
    actions = ["publish", "withdraw"]
    readonly_fields = ["slug"]
    fieldsets = [
        (None, {"fields": ["category", "title", "summary"]}),
        (_("Kỳ công khai"), {"fields": ["period_year", "period_part"]}),
        (_("Niêm yết"), {"fields": ["posted_on", "posted_until"]}),
        (_("Hiển thị"), {"fields": ["status", "is_demo", "slug"]}),
    ]

    @admin.display(description=_("kỳ"))
    def period_display(self, obj):
        return obj.period_label or "—"

    def save_model(self, request, obj, form, change):
        services.entry_save(entry=obj)

    @admin.action(description=_("Công khai các mục đã chọn"), permissions=["change"])
    def publish(self, request, queryset):
        count = services.entries_publish(entries=queryset)
        self.message_user(
            request,
            ngettext("Đã công khai %(n)d mục.", "Đã công khai %(n)d mục.", count) % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Chuyển các mục đã chọn về bản nháp"), permissions=["change"])
    def withdraw(self, request, queryset):
        count = services.entries_withdraw(entries=queryset)
        self.message_user(
            request,
            ngettext("Đã gỡ %(n)d mục về bản nháp.", "Đã gỡ %(n)d mục về bản nháp.", count)
            % {"n": count},
            messages.SUCCESS,
        )
