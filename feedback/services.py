"""Every write to a report: submission, moves through the table, notes, the sender's replies.

Each function runs in one transaction and writes its history row with the change; mail is
queued inside it and sent only after commit (notifications.services.notify).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from feedback.constants import FeedbackStatus, RefusalReason
from feedback.models import Feedback, FeedbackCodeCounter, FeedbackEvent, FeedbackPhoto
from feedback.transitions import INPUT_NAMES, TRANSITIONS, Clock
from notifications.models import NotificationChannel
from notifications.services import notify
from portal import pagecache
from portal.records import status_change_allowed
from procedures import staging, workdays
from procedures.models.dossiers import hash_tracking_token

PRIVACY_NOTICE_VERSION = "2026.1"
MAILED = frozenset(
    {
        FeedbackStatus.INFO_REQUESTED,
        FeedbackStatus.ANSWERED,
        FeedbackStatus.REFUSED,
        FeedbackStatus.MERGED,
    }
)


def next_feedback_code(*, day):
    """Return the next `PAKN-YYMMDD-NNNN` code; call inside the report's transaction."""
    FeedbackCodeCounter.objects.bulk_create([FeedbackCodeCounter(day=day)], ignore_conflicts=True)
    counter = FeedbackCodeCounter.objects.select_for_update().get(day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"PAKN-{day:%y%m%d}-{counter.last:04d}"


def tracking_url(token):
    """The secret tracking link, absolute, for mail (SITE_URL, Vietnamese)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("feedback:tracking_token", args=[token])
    return settings.SITE_URL.rstrip("/") + path


def submit_feedback(*, fields, photos, submission_token, tracking_token):
    """Create the report from the checked form; return (report, created).

    `fields` holds the form's cleaned values (topic, title, content, address, name, phone,
    email, consent_publish), `photos` StagedFiles. The same `submission_token` always
    yields the same report. Files get their final name before the transaction and are
    removed again if anything fails: no row without its photos, no photo without its row.
    """
    existing = Feedback.objects.filter(submission_token=submission_token).first()
    if existing is not None:
        return existing, False
    written = []
    try:
        for staged in photos:
            written.append(staging.copy_to_final(staged))
        now = timezone.now()
        item = Feedback(
            submission_token=submission_token,
            tracking_token_hash=hash_tracking_token(tracking_token),
            privacy_notice_version=PRIVACY_NOTICE_VERSION,
            submitted_at=now,
            due_at=workdays.due_at(now, fields["topic"].answer_days),
            **fields,
        )
        item.full_clean(exclude=["code", "submission_token"], validate_unique=False)
        with transaction.atomic():
            item.code = next_feedback_code(day=timezone.localdate(now))
            item.save()
            FeedbackPhoto.objects.bulk_create(
                FeedbackPhoto(
                    feedback=item,
                    file=name,
                    original_name=staged.original_name,
                    content_type=staged.content_type,
                    size=staged.size,
                    sha256=staged.sha256,
                    uploaded_at=now,
                )
                for staged, name in zip(photos, written, strict=True)
            )
            FeedbackEvent.objects.create(
                feedback=item,
                to_status=FeedbackStatus.RECEIVED,
                public_note=_("Gửi phản ánh, kiến nghị trực tuyến."),
                created_at=now,
            )
            temp_names = [staged.temp_name for staged in photos]
            transaction.on_commit(lambda: staging.discard(temp_names), robust=True)
            _mail(
                item,
                "feedback/notifications/received",
                {"tracking_url": tracking_url(tracking_token)},
            )
    except BaseException:
        staging.discard(written)
        existing = Feedback.objects.filter(submission_token=submission_token).first()
        if existing is not None:  # a parallel POST with the same token won
            return existing, False
        raise
    return item, True


def feedback_transition(item, to_status, *, actor=None, **inputs):
    """Move `item` to `to_status` as the table allows; return the history event.

    `actor` is the staff member, or None for the sender's own move from the tracking page.
    Raises PermissionDenied for a move the actor may not make, ValidationError for one the
    table does not list or whose inputs are missing (the message says which, in Vietnamese).
    """
    unknown = set(inputs) - INPUT_NAMES
    if unknown:
        raise TypeError(f"Unknown inputs: {sorted(unknown)}")
    with transaction.atomic():
        item = Feedback.objects.select_for_update().get(pk=item.pk)
        rule = TRANSITIONS.get((item.status, to_status))
        if rule is None:
            raise ValidationError(
                _("Không thể chuyển từ “%(from)s” sang “%(to)s”.")
                % {
                    "from": FeedbackStatus(item.status).label,
                    "to": FeedbackStatus(to_status).label,
                },
                code="transition",
            )
        if actor is None and not rule.by_sender:
            raise PermissionDenied("Only staff make this move.")
        if actor is not None and not (rule.permission and actor.has_perm(rule.permission)):
            raise PermissionDenied("This account may not make this move.")
        _check_inputs(item, rule, inputs)
        now = timezone.now()
        event = _apply(item, to_status, rule, inputs, actor, now)
    return event


def _check_inputs(item, rule, inputs):
    missing = [n for n in rule.needs if not (inputs.get(n) or getattr(item, n, ""))]
    if missing:
        labels = {
            "public_note": _("nội dung gửi người phản ánh"),
            "internal_note": _("ghi chú nội bộ"),
            "refusal_reason": _("lý do không xử lý"),
            "merged_into": _("phản ánh được gộp vào"),
            "answer": _("nội dung trả lời"),
            "answering_body": _("cơ quan trả lời"),
        }
        raise ValidationError(
            _("Còn thiếu: %(fields)s.") % {"fields": ", ".join(str(labels[n]) for n in missing)},
            code="missing",
        )
    if inputs.get("refusal_reason") == RefusalReason.NOT_COMPETENT and not inputs.get(
        "forwarded_to"
    ):
        raise ValidationError(
            _("Ghi tên cơ quan có thẩm quyền đã chuyển phản ánh đến."), code="forwarded_to"
        )
    target = inputs.get("merged_into")
    if target is not None and (target.pk == item.pk or target.merged_into_id is not None):
        raise ValidationError(_("Chỉ gộp vào một phản ánh khác, chưa bị gộp."), code="merged_into")


def _apply(item, to_status, rule, inputs, actor, now):
    from_status = item.status
    item.status = to_status
    if rule.clock is Clock.RESUME:
        paused_since = (
            item.events.filter(to_status=FeedbackStatus.INFO_REQUESTED)
            .order_by("-created_at", "-pk")
            .values_list("created_at", flat=True)
            .first()
        )
        if paused_since is not None and item.due_at is not None:
            item.due_at = workdays.get_calendar().add_working_time(
                item.due_at, workdays.working_time(paused_since, now)
            )
    elif rule.clock is Clock.RESTART:
        item.due_at = workdays.due_at(now, item.topic.answer_days)
    if to_status == FeedbackStatus.REFUSED:
        item.refusal_reason = inputs["refusal_reason"]
        item.forwarded_to = inputs.get("forwarded_to", "")
    if to_status == FeedbackStatus.MERGED:
        item.merged_into = inputs["merged_into"]
    if rule.publishes:
        item.answered_at = now
        item.approved_by = actor
        if item.consent_publish and item.public_title and item.public_content:
            item.published_at = now
    with status_change_allowed(Feedback):
        item.save()
    event = FeedbackEvent.objects.create(
        feedback=item,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        public_note=inputs.get("public_note", ""),
        sender_note=inputs.get("sender_note", ""),
        internal_note=inputs.get("internal_note", ""),
        created_at=now,
    )
    if item.published_at is not None:
        # The public list and page show the status and the answer: renew cached pages.
        pagecache.bump_version()
    # The sender hears of every move that asks or tells them something; their own
    # "not resolved" is confirmed too (the report is reopened for a leader).
    if (actor is not None and to_status in MAILED) or to_status == FeedbackStatus.REOPENED:
        _mail(item, "feedback/notifications/status", {"event": event})
    return event


def add_internal_note(item, *, actor, text):
    """An officer's note in the history, without a move (never shown to the sender)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Nhập nội dung ghi chú."), code="empty")
    return FeedbackEvent.objects.create(
        feedback=item,
        from_status=item.status,
        to_status=item.status,
        actor=actor,
        internal_note=text,
    )


def sender_adds_information(item, *, text):
    """The sender answers a request for more information: processing goes on."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Nhập thông tin bổ sung."), code="empty")
    if not Feedback.objects.filter(pk=item.pk, status=FeedbackStatus.INFO_REQUESTED).exists():
        raise ValidationError(
            _("Phản ánh này không chờ ông/bà bổ sung thông tin."), code="not_waiting"
        )
    return feedback_transition(item, FeedbackStatus.PROCESSING, sender_note=text)


def sender_rates_answer(item, *, resolved, comment=""):
    """The sender says whether the answer resolved the problem; "no" reopens the report."""
    with transaction.atomic():
        item = Feedback.objects.select_for_update().get(pk=item.pk)
        if item.status != FeedbackStatus.ANSWERED or item.resolved is not None:
            raise ValidationError(
                _("Phản ánh này không chờ ý kiến của người gửi."), code="not_waiting"
            )
        item.resolved = resolved
        item.resolved_at = timezone.now()
        item.save(update_fields=["resolved", "resolved_at", "updated_at"])
        if not resolved:
            feedback_transition(item, FeedbackStatus.REOPENED, sender_note=comment.strip())
    return item


def _mail(item, template, context):
    """E-mail the sender when an address is known (the tracking page shows the rest)."""
    with translation.override(settings.LANGUAGE_CODE):
        page = settings.SITE_URL.rstrip("/") + reverse("feedback:tracking")
    return notify(
        obj=item,
        channel=NotificationChannel.EMAIL,
        recipient=item.email,
        template=template,
        context={"item": item, "tracking_page_url": page, **context},
    )
