"""Dossiers submitted by residents, their documents and their append-only history.

The status of a dossier changes only through `procedures.workflow.dossier_transition`: the
model refuses any other change, and every change is a new `DossierEvent` row.
"""

import hashlib
import re

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import records
from portal.records import AppendOnlyModel, GuardedStatusModel, GuardedStatusQuerySet
from portal.text import fold
from procedures.constants import Channel, DossierStatus, Sex, Timeliness
from procedures.models.catalogue import Procedure, RequiredDocument
from procedures.models.places import Province, Ward
from procedures.storage import get_private_storage, private_storage

# A tracking token is secrets.token_urlsafe(): URL-safe base64 without padding. Anything
# else in a link (a Vietnamese letter, an emoji, a zero-width space) cannot be a token.
TRACKING_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]+")


def hash_tracking_token(token):
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class DossierCodeCounter(models.Model):
    """The per-day sequence of dossier codes, one row per unit and day, locked when used."""

    unit_code = models.CharField(max_length=40)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "day"], name="dossier_counter_unique_day")
        ]

    def __str__(self):
        return f"{self.unit_code} {self.day}: {self.last}"


class DossierQuerySet(GuardedStatusQuerySet):
    def by_tracking_token(self, token):
        if not token or len(token) > 100 or not TRACKING_TOKEN_RE.fullmatch(token):
            return self.none()
        return self.filter(tracking_token_hash=hash_tracking_token(token))


class Dossier(GuardedStatusModel):
    """A dossier; its status changes only through `procedures.workflow.dossier_transition`."""

    INITIAL_STATUS = DossierStatus.NEW

    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True)
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("thủ tục")
    )
    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=DossierStatus.choices, default=DossierStatus.NEW, db_index=True
    )
    channel = models.CharField(
        _("kênh nộp"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    # One-time token of the online form: a retried or doubled POST finds this same dossier.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # SHA-256 of the secret tracking token (256 random bits); the link carries the token.
    tracking_token_hash = models.CharField(max_length=64, unique=True, editable=False)

    # Who sent it signed in (accounts): his "Hồ sơ của tôi" lists it without further proof.
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers_sent",
        verbose_name=_("tài khoản người nộp"),
        editable=False,
    )
    # The provider that vouched for name, ID number and birth date ("" = typed by hand).
    identity_provider = models.CharField(
        _("định danh điện tử xác thực bởi"), max_length=100, blank=True, editable=False
    )
    identity_verified_at = models.DateTimeField(
        _("xác thực định danh lúc"), null=True, blank=True, editable=False
    )
    applicant_name = models.CharField(_("họ và tên người nộp"), max_length=100)
    applicant_name_folded = models.CharField(max_length=100, editable=False, db_index=True)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=12, db_index=True)
    birth_date = models.DateField(_("ngày sinh"))
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    phone = models.CharField(
        _("số điện thoại"), max_length=16, db_index=True, help_text=_("Dạng E.164: +84…")
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh, thành phố")
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("xã, phường"),
    )
    ward_name = models.CharField(_("xã, phường (ngoài danh sách)"), max_length=100, blank=True)
    street = models.CharField(_("số nhà, đường, tổ dân phố"), max_length=200)
    answers = models.JSONField(_("trả lời câu hỏi riêng"), default=dict, blank=True)

    privacy_notice_version = models.CharField(_("phiên bản thông báo xử lý dữ liệu"), max_length=20)
    consent_at = models.DateTimeField(_("đồng ý lúc"))

    submitted_at = models.DateTimeField(_("nộp lúc"), default=timezone.now, db_index=True)
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    due_date = models.DateField(_("ngày hẹn trả"), null=True, blank=True, db_index=True)
    # Staff side: the appointment to the minute (working days, pauses, apologies),
    # the legal one (without apologies: statistics judge lateness by it), and, once the
    # result is ready, how it kept that date. These survive the retention purge.
    due_at = models.DateTimeField(_("hẹn trả lúc"), null=True, blank=True, db_index=True)
    legal_due_at = models.DateTimeField(_("hạn theo quy định"), null=True, blank=True)
    timeliness = models.CharField(
        _("tiến độ"), max_length=10, choices=Timeliness.choices, blank=True
    )
    working_days_used = models.DecimalField(
        _("số ngày làm việc đã dùng"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    anonymised_at = models.DateTimeField(_("ẩn danh lúc"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
        verbose_name=_("cán bộ xử lý"),
    )
    obligation_amount = models.PositiveIntegerField(
        _("nghĩa vụ tài chính (đồng)"), null=True, blank=True
    )
    # The fee and charge due for this dossier, computed from the procedure's fee schedule at
    # submission (procedures.fees) and adjustable by an officer with a reason; 0 = nothing
    # to pay. Payments (payments app) settle it, with obligation_amount.
    fee_due = models.PositiveIntegerField(_("phí, lệ phí phải nộp (đồng)"), default=0)
    finished_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [models.Index(fields=["status", "submitted_at"])]
        # Roles (staff.roles) are built from these; see procedures.access for the rules.
        permissions = [
            ("receive_dossier", _("Tiếp nhận, từ chối hồ sơ và trả kết quả")),
            ("process_dossier", _("Xử lý hồ sơ")),
            ("approve_second_supplement", _("Duyệt yêu cầu bổ sung lần thứ hai")),
            ("view_all_fields", _("Xem hồ sơ của mọi lĩnh vực")),
            ("assign_dossier", _("Phân công cán bộ xử lý")),
            ("issue_apology", _("Lập phiếu xin lỗi và đề nghị gia hạn")),
            ("export_register", _("Xuất sổ theo dõi hồ sơ")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__gte=1, status__lte=10), name="dossier_status_known"
            )
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.applicant_name_folded = fold(self.applicant_name)[:100]
        super().save(*args, **kwargs)

    def get_status_display_label(self):
        return DossierStatus(self.status).label

    @property
    def address_display(self):
        ward = self.ward.full_name if self.ward_id else self.ward_name
        return ", ".join(p for p in [self.street, ward, self.province.full_name] if p)

    def open_supplement_request(self, events=()):
        """The newest unfulfilled supplement request, while the dossier waits for one.

        A request is made by the event that asks for it (procedures.workflow), so a caller
        that has read the timeline (`events`, oldest first, each with its
        `supplement_request` selected) finds it there without a query; a request without its
        event (none is made so) is looked up on its own.
        """
        if self.status != DossierStatus.SUPPLEMENT_REQUESTED:
            return None
        for event in reversed(events):
            request = getattr(event, "supplement_request", None)
            if request is not None and request.fulfilled_at is None:
                return request
        return self.supplement_requests.filter(fulfilled_at__isnull=True).order_by("-pk").first()


def status_change_allowed():
    """Let `Dossier.save()` store a changed status (procedures.workflow uses it, nothing else)."""
    return records.status_change_allowed(Dossier)


class DossierEvent(AppendOnlyModel):
    """One status change, kept for ever: who, when, from, to, and the notes."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    from_status = models.PositiveSmallIntegerField(
        _("từ trạng thái"), choices=DossierStatus.choices, null=True, blank=True
    )
    to_status = models.PositiveSmallIntegerField(
        _("sang trạng thái"), choices=DossierStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
        help_text=_("Trống: công dân (trực tuyến) hoặc hệ thống."),
    )
    public_note = models.TextField(_("ghi chú gửi công dân"), blank=True)
    internal_note = models.TextField(_("ghi chú nội bộ"), blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")

    def __str__(self):
        """The history row's heading: "Mới đăng ký → Được tiếp nhận – 13:49 12/02/2026"."""
        move = self.get_to_status_display()
        if self.from_status is not None:
            move = f"{self.get_from_status_display()} → {move}"
        return f"{move} – {timezone.localtime(self.created_at):%d/%m/%Y %H:%M}"

    @property
    def to_status_label(self):
        return DossierStatus(self.to_status).label


class SupplementRequest(models.Model):
    """Staff ask for exactly these documents, explained once (form 02 of Circular
    03/2025/TT-VPCP; the rule was Decree 61/2018 Art. 15 until 1/7/2025)."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="supplement_requests"
    )
    event = models.OneToOneField(
        DossierEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supplement_request",
    )
    documents = models.ManyToManyField(
        RequiredDocument, related_name="+", verbose_name=_("giấy tờ cần bổ sung")
    )
    note = models.TextField(_("nội dung hướng dẫn"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    fulfilled_at = models.DateTimeField(_("công dân bổ sung lúc"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("yêu cầu bổ sung")
        verbose_name_plural = _("yêu cầu bổ sung")

    def __str__(self):
        return f"{self.dossier}: {timezone.localtime(self.created_at):%d/%m/%Y}"


class DossierDocument(models.Model):
    """One uploaded file, kept in private storage under a generated name."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    supplement_request = models.ForeignKey(
        SupplementRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploads",
    )
    document_name = models.CharField(_("thành phần hồ sơ"), max_length=300)
    # A document handed in on paper at the desk has a row but no file (the paper is filed).
    on_paper = models.BooleanField(_("nhận bản giấy"), default=False)
    file = models.FileField(_("tệp"), storage=get_private_storage, max_length=200, blank=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True)
    content_type = models.CharField(_("kiểu tệp"), max_length=50, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(on_paper=True, file="")
                | models.Q(on_paper=False) & ~models.Q(file=""),
                name="dossier_document_file_or_paper",
            )
        ]

    def __str__(self):
        return self.original_name or self.document_name


@receiver(post_delete, sender=DossierDocument)
def _delete_file_after_commit(sender, instance, **kwargs):
    """Remove the stored file only once the row's deletion is committed."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: private_storage.delete(name))


class DossierRating(models.Model):
    """The resident's rating of the service once the result is out."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    satisfied = models.BooleanField(_("hài lòng"))
    reasons = models.JSONField(_("lý do"), default=list, blank=True)
    comment = models.TextField(_("góp ý"), blank=True)
    created_at = models.DateTimeField(_("đánh giá lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("đánh giá hài lòng")
        verbose_name_plural = _("đánh giá hài lòng")

    def __str__(self):
        return f"{self.dossier}: {'+' if self.satisfied else '-'}"
