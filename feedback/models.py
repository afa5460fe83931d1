"""Residents' reports and proposals (phản ánh, kiến nghị), their history and photos.

What a sender typed stays private for ever; the public sees only the edited copy
(`public_title`, `public_content`) and the approved answer, and only once a leader has
approved it and the sender agreed to publication. The status changes only through
`feedback.services.feedback_transition`, which writes a `FeedbackEvent` for each move.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.constants import OPEN_STATUSES, FeedbackStatus, RefusalReason
from portal.records import (
    AppendOnlyModel,
    GuardedStatusModel,
    GuardedStatusQuerySet,
    StatusChangeRefused,  # noqa: F401 - raised by the guard, named here for callers
)
from portal.text import fold
from procedures.models.dossiers import TRACKING_TOKEN_RE, hash_tracking_token
from procedures.storage import get_private_storage, private_storage

# The ward's own service standard for an answer, unless a topic sets another.
DEFAULT_ANSWER_DAYS = 10


class Topic(models.Model):
    name = models.CharField(_("tên lĩnh vực"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True)
    answer_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời (ngày làm việc)"),
        default=DEFAULT_ANSWER_DAYS,
        help_text=_(
            "Tính từ khi tiếp nhận, không kể thời gian chờ người gửi bổ sung thông tin. "
            "Mặc định 10 ngày làm việc: chuẩn phục vụ do phường đặt. Việc tiếp nhận, xử lý "
            "phản ánh, kiến nghị về quy định hành chính theo Nghị định 20/2008/NĐ-CP (sửa "
            "đổi bởi Nghị định 92/2017/NĐ-CP); lĩnh vực có thời hạn luật định riêng thì "
            "đặt theo thời hạn đó."
        ),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(
        _("đang nhận"), default=True, help_text=_("Bỏ chọn để ẩn lĩnh vực khỏi mẫu gửi.")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("lĩnh vực phản ánh")
        verbose_name_plural = _("lĩnh vực phản ánh")

    def __str__(self):
        return self.name


class FeedbackCodeCounter(models.Model):
    """The per-day sequence of report codes, locked while a code is drawn."""

    day = models.DateField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.day}: {self.last}"


class FeedbackQuerySet(GuardedStatusQuerySet):
    def published(self):
        """Answered in public: approved by a leader, with the sender's consent."""
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def by_tracking_token(self, token):
        if not token or len(token) > 100 or not TRACKING_TOKEN_RE.fullmatch(token):
            return self.none()
        return self.filter(tracking_token_hash=hash_tracking_token(token))


class Feedback(GuardedStatusModel):
    INITIAL_STATUS = FeedbackStatus.RECEIVED

    code = models.CharField(_("mã phản ánh"), max_length=20, unique=True)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="items", verbose_name=_("lĩnh vực")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.RECEIVED,
        db_index=True,
    )
    # What the sender wrote: never shown publicly.
    title = models.CharField(_("tiêu đề"), max_length=150)
    content = models.TextField(_("nội dung"))
    address = models.CharField(_("địa điểm"), max_length=200, blank=True)
    # Who sent it signed in (accounts): his "Hồ sơ của tôi" lists it.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_sent",
        verbose_name=_("tài khoản người gửi"),
        editable=False,
    )
    name = models.CharField(_("họ và tên"), max_length=100)
    phone = models.CharField(_("số điện thoại"), max_length=16, db_index=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    consent_publish = models.BooleanField(_("đồng ý công khai nội dung (đã biên tập)"))
    privacy_notice_version = models.CharField(_("phiên bản thông báo xử lý dữ liệu"), max_length=20)
    # One-time token of the online form: a doubled POST finds this same report.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    tracking_token_hash = models.CharField(max_length=64, unique=True, editable=False)

    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("hạn trả lời"), null=True, blank=True, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_feedback",
        verbose_name=_("cán bộ xử lý"),
    )
    assigned_body = models.CharField(_("bộ phận, cơ quan xử lý"), max_length=150, blank=True)

    # The public face: an edited copy without personal data, and the approved answer.
    public_title = models.CharField(_("tiêu đề công khai"), max_length=150, blank=True)
    public_content = models.TextField(
        _("nội dung công khai (đã biên tập)"),
        blank=True,
        help_text=_("Bản biên tập, bỏ tên, số điện thoại, địa chỉ nhà và mọi dữ liệu cá nhân."),
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answering_body = models.CharField(_("cơ quan trả lời"), max_length=150, blank=True)
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lãnh đạo duyệt"),
    )
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True, db_index=True)
    search_text = models.TextField(editable=False, blank=True)

    resolved = models.BooleanField(_("người gửi xác nhận đã giải quyết"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    refusal_reason = models.CharField(
        _("lý do không xử lý"), max_length=20, choices=RefusalReason.choices, blank=True
    )
    forwarded_to = models.CharField(_("đã chuyển đến cơ quan"), max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("gộp vào phản ánh"),
    )
    anonymised_at = models.DateTimeField(_("ẩn danh lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        indexes = [models.Index(fields=["topic", "published_at"])]
        permissions = [
            ("process_feedback", _("Xử lý phản ánh, kiến nghị")),
            ("approve_feedback", _("Duyệt và công khai trả lời phản ánh, kiến nghị")),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join([self.public_title, self.public_content, self.answer]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # By number, not by code: the code with a phone number opens the tracking page,
        # and a sender's code must not tell anyone which public report is theirs.
        return reverse("feedback:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self):
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_overdue(self):
        return (
            self.status in OPEN_STATUSES
            and self.due_at is not None
            and self.due_at < timezone.now()
        )


class FeedbackEvent(AppendOnlyModel):
    """One status change, kept for ever: who, when, from, to, and the notes."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("từ trạng thái"), max_length=20, choices=FeedbackStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=20, choices=FeedbackStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
        help_text=_("Trống: người gửi (trực tuyến) hoặc hệ thống."),
    )
    public_note = models.TextField(_("ghi chú gửi người phản ánh"), blank=True)
    sender_note = models.TextField(_("thông tin người gửi bổ sung"), blank=True)
    internal_note = models.TextField(_("ghi chú nội bộ"), blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("lịch sử xử lý phản ánh")
        verbose_name_plural = _("lịch sử xử lý phản ánh")

    def __str__(self):
        move = self.get_to_status_display()
        if self.from_status:
            move = f"{self.get_from_status_display()} → {move}"
        return f"{move} – {timezone.localtime(self.created_at):%d/%m/%Y %H:%M}"


class FeedbackPhoto(models.Model):
    """A photo sent with a report: re-encoded (no EXIF, no GPS), private until published."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("tệp"), storage=get_private_storage, max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True)
    content_type = models.CharField(_("kiểu tệp"), max_length=50)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    is_public = models.BooleanField(
        _("công khai"),
        default=False,
        help_text=_("Chỉ chọn khi ảnh không lộ người, biển số xe hay dữ liệu cá nhân."),
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("ảnh phản ánh")
        verbose_name_plural = _("ảnh phản ánh")

    def __str__(self):
        return self.original_name or self.file.name

    def get_absolute_url(self):
        return reverse("feedback:photo", kwargs={"pk": self.feedback_id, "photo_pk": self.pk})


@receiver(post_delete, sender=FeedbackPhoto)
def _delete_file_after_commit(sender, instance, **kwargs):
    """Remove the stored file only once the row's deletion is committed."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: private_storage.delete(name))
