"""The schedule for editors: default sessions with their dated changes inline.

Saves go through reception.services, so the admin obeys the same rules as any other
write (a change announced after its session is refused). The changelist warns when the
chair has no weekly session (Law 42/2013/QH13 Art. 15(2)(d)).
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reception import rules, services
from reception.constants import ChangeKind
from reception.models import ReceptionChange, ReceptionSession

CHAIR_WARNING = _(
    "Chưa có buổi tiếp định kỳ hằng tuần của Chủ tịch UBND phường đang áp dụng: Luật Tiếp "
    "công dân năm 2013 (Điều 15 khoản 2 điểm d) yêu cầu Chủ tịch tiếp công dân ít nhất một "
    "ngày mỗi tuần."
)


class ReceptionChangeInline(admin.StackedInline):
    model = ReceptionChange
    fk_name = "session"
    extra = 0
    fields = [
        ("kind", "date", "new_date"),
        ("start_time", "end_time"),
        "place",
        "topics",
        "reason",
        ("announced_at", "is_demo"),
    ]
    verbose_name = _("hủy hoặc đổi lịch một buổi")
    verbose_name_plural = _("hủy hoặc đổi lịch từng buổi")


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(admin.ModelAdmin):
    list_display = [
        "weekday",
        "time_span",
        "receiver_role",
        "person",
        "place",
        "valid_from",
        "valid_until",
        "is_demo",
    ]
    list_filter = ["receiver_role", "weekday", "is_demo"]
    search_fields = ["place", "topics", "person__full_name"]
    list_select_related = ["person"]
    inlines = [ReceptionChangeInline]
    actions = ["end_today"]
    fieldsets = [
        (_("Người tiếp"), {"fields": ["receiver_role", "person"]}),
        (
            _("Thời gian, địa điểm"),
            {"fields": [("weekday", "start_time", "end_time"), "place", "is_demo"]},
        ),
        (_("Nội dung tiếp"), {"fields": ["topics"]}),
        (_("Thời hạn áp dụng"), {"fields": [("valid_from", "valid_until")]}),
    ]

    @admin.display(description=_("giờ tiếp"), ordering="start_time")
    def time_span(self, obj):
        return f"{obj.start_time:%H:%M}–{obj.end_time:%H:%M}"

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and not rules.chair_has_weekly_session():
            messages.warning(request, CHAIR_WARNING)
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        services.session_save(session=obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            services.change_save(change=instance)
        formset.save_m2m()

    @admin.action(description=_("Thôi áp dụng từ hôm nay"), permissions=["change"])
    def end_today(self, request, queryset):
        today = timezone.localdate()
        count = 0
        for session in queryset.filter(valid_from__lte=today):
            if session.valid_until is None or session.valid_until > today:
                session.valid_until = today
                services.session_save(session=session)
                count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d buổi tiếp định kỳ thôi áp dụng từ hôm nay.",
                "%(count)d buổi tiếp định kỳ thôi áp dụng từ hôm nay.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ReceptionChange)
class ReceptionChangeAdmin(admin.ModelAdmin):
    """Every change, and the only place to add an extra session (it has no default)."""

    list_display = ["date", "kind", "session", "receiver_role", "place", "announced_at"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["reason", "place", "person__full_name", "session__place"]
    list_select_related = ["session__person", "person"]
    date_hierarchy = "date"
    fieldsets = [
        (_("Thay đổi"), {"fields": ["kind", "session", ("date", "new_date"), "reason"]}),
        (
            _("Giờ, địa điểm mới hoặc của buổi bổ sung"),
            {"fields": [("start_time", "end_time"), "place"]},
        ),
        (
            _("Người tiếp và nội dung (buổi bổ sung)"),
            {"fields": ["receiver_role", "person", "topics"]},
        ),
        (_("Thông báo"), {"fields": [("announced_at", "is_demo")]}),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("kind", ChangeKind.EXTRA)
        return initial

    def save_model(self, request, obj, form, change):
        services.change_save(change=obj)
