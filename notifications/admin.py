"""Admin of the notifications sent to residents: what went out, what failed, retries.

Dossier pages plug in `NotificationInline` to show what was sent about the dossier.
"""

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.models import Notification, NotificationStatus
from notifications.services import enqueue
from portal.admin import ReadOnlyAdminMixin, target_link


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
        "target",
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
        "target",
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
    def target(self, obj):
        return target_link(obj, "")

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
