"""Admin of the feedback app: topics, and the reports' work queue.

A report's moves go through feedback.views.staff (a form per move of the table); the
change form edits only what staff write: assignment, the edited public copy and the answer.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from feedback import transitions
from feedback.constants import OPEN_STATUSES, FeedbackStatus
from feedback.models import Feedback, FeedbackEvent, FeedbackPhoto, Topic
from feedback.views import staff as staff_views
from portal import pagecache
from staff.audit import AuditAction, audit


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "answer_days", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


class FeedbackPhotoInline(admin.TabularInline):
    model = FeedbackPhoto
    extra = 0
    fields = ["view", "size", "is_public"]
    readonly_fields = ["view", "size"]
    can_delete = False

    @admin.display(description=_("ảnh"))
    def view(self, obj):
        url = reverse("admin:feedback_feedback_photo", args=[obj.feedback_id, obj.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, obj)

    def has_add_permission(self, request, obj=None):
        return False


class FeedbackEventInline(admin.TabularInline):
    model = FeedbackEvent
    extra = 0
    fields = [
        "created_at",
        "from_status",
        "to_status",
        "actor",
        "public_note",
        "sender_note",
        "internal_note",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


FIELDSETS = [
    (
        _("Phản ánh"),
        {
            "fields": [
                "code",
                "status",
                "topic",
                "submitted_at",
                "due_at",
                "title",
                "content",
                "address",
            ]
        },
    ),
    (
        _("Người gửi (không công khai)"),
        {"fields": ["name", "phone", "email", "consent_publish"]},
    ),
    (_("Phân công"), {"fields": ["assigned_to", "assigned_body"]}),
    (
        _("Bản công khai và trả lời"),
        {
            "fields": [
                "public_title",
                "public_content",
                "answer",
                "answering_body",
                "answered_at",
                "approved_by",
                "published_at",
                "resolved",
            ]
        },
    ),
    (_("Không xử lý, gộp"), {"fields": ["refusal_reason", "forwarded_to", "merged_into"]}),
]
# Staff write only these; what the sender sent and what the moves record is read-only.
EDITABLE = (
    "assigned_to",
    "assigned_body",
    "public_title",
    "public_content",
    "answer",
    "answering_body",
)
READ_ONLY = [
    name for _title, options in FIELDSETS for name in options["fields"] if name not in EDITABLE
]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["code", "topic", "title", "status", "due_at", "overdue", "assigned_to"]
    list_filter = ["status", "topic", "assigned_to"]
    list_select_related = ["topic", "assigned_to"]
    search_fields = ["code"]
    ordering = ["due_at", "pk"]
    inlines = [FeedbackPhotoInline, FeedbackEventInline]
    fieldsets = FIELDSETS
    readonly_fields = READ_ONLY

    # Once an answer is before a leader, only a leader changes it or its public copy.
    LEADER_ONLY = ["public_title", "public_content", "answer", "answering_body"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        approving = obj is not None and obj.status not in (
            FeedbackStatus.RECEIVED,
            FeedbackStatus.PROCESSING,
        )
        if approving and not request.user.has_perm(transitions.APPROVE):
            fields += self.LEADER_ONLY
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Quá hạn"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue

    def has_add_permission(self, request):
        return False  # reports come from residents, through the public form

    def has_delete_permission(self, request, obj=None):
        return False  # the retention purge anonymises; nobody deletes a report by hand

    def get_urls(self):
        return [
            path(
                "<int:pk>/chuyen/<str:to_status>/",
                self.admin_site.admin_view(staff_views.transition),
                name="feedback_feedback_transition",
            ),
            path(
                "<int:pk>/anh/<int:photo_pk>/",
                self.admin_site.admin_view(staff_views.photo),
                name="feedback_feedback_photo",
            ),
            path(
                "<int:pk>/ghi-chu/",
                self.admin_site.admin_view(staff_views.note),
                name="feedback_feedback_note",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if item is not None:
            # Every opening of a report's private data is in the audit trail.
            audit(actor=request.user, action=AuditAction.VIEW, target=item)
            extra["moves"] = [
                (
                    reverse("admin:feedback_feedback_transition", args=[item.pk, to]),
                    rule.label,
                )
                for to, rule in transitions.allowed_targets(item.status, request.user)
            ]
            extra["note_url"] = reverse("admin:feedback_feedback_note", args=[item.pk])
            extra["is_open"] = item.status in OPEN_STATUSES
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the photos too: the public page shows the edited text and public photos.
        if form.instance.is_published:
            pagecache.bump_version()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "assigned_to" in form.changed_data or "assigned_body" in form.changed_data:
            audit(
                actor=request.user,
                action=AuditAction.ASSIGN,
                target=obj,
                assigned_to=str(obj.assigned_to or ""),
                body=obj.assigned_body,
            )
