"""Admin for the staff side: working-day calendar, notifications, audit log.

The dossier admin plugs in `NotificationInline` and `AuditEntryInline` to show, on the
dossier page, what was sent to the resident and who accessed the record.
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal import workdays
from portal.models import AuditEntry, CalendarOverride, Notification, NotificationStatus
from portal.notifications import enqueue


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
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


def _target_link(obj, label):
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


class ReadOnlyAdminMixin:
    """Nobody adds, edits or deletes here, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "channel",
        "recipient_masked",
        "subject_or_text",
        "status",
        "attempts",
        "sent_at",
        "target_link",
    ]
    list_filter = ["status", "channel"]
    search_fields = ["subject", "recipient_masked", "template", "target_id"]
    date_hierarchy = "created_at"
    list_select_related = ["target_type"]
    actions = ["retry"]
    # The real address stays out of the admin: staff see it on the dossier itself.
    fields = [
        "channel",
        "recipient_masked",
        "template",
        "subject",
        "body_text",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "target_link",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("tiêu đề / nội dung"))
    def subject_or_text(self, obj):
        return obj.subject or obj.body_text[:80]

    @admin.display(description=_("liên quan đến"))
    def target_link(self, obj):
        return _target_link(obj, "")

    @admin.action(description=_("Gửi lại các thông báo không gửi được"), permissions=["change"])
    def retry(self, request, queryset):
        ids = list(queryset.filter(status=NotificationStatus.FAILED).values_list("pk", flat=True))
        Notification.objects.filter(pk__in=ids).update(
            status=NotificationStatus.QUEUED, next_attempt_at=timezone.now()
        )
        for notification_id in ids:
            enqueue(notification_id)
        self.message_user(
            request,
            ngettext(
                "Đã đưa %(count)d thông báo vào hàng đợi gửi lại.",
                "Đã đưa %(count)d thông báo vào hàng đợi gửi lại.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "target_type", "target_link", "details_summary"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "target_id"]
    date_hierarchy = "at"
    list_select_related = ["target_type"]
    fields = ["at", "actor_label", "action", "target_type", "target_link", "details"]
    readonly_fields = fields
    actions = None

    @admin.display(description=_("đối tượng"))
    def target_link(self, obj):
        return _target_link(obj, obj.target_label)

    @admin.display(description=_("chi tiết"))
    def details_summary(self, obj):
        return "; ".join(f"{key}: {value}" for key, value in obj.details.items())


class NotificationInline(ReadOnlyAdminMixin, GenericTabularInline):
    """What was sent about this object and whether it went out (for the dossier page)."""

    model = Notification
    ct_field = "target_type"
    ct_fk_field = "target_id"
    fields = [
        "created_at",
        "channel",
        "recipient_masked",
        "subject",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Thông báo đã gửi người dân")


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
