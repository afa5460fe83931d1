"""Staff accounts' profiles and the append-only audit trail of their access to residents' data."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.records import (
    AppendOnlyError,
    AppendOnlyModel,
    AppendOnlyQuerySet,
    TargetedModel,
    TargetQuerySet,
)

__all__ = ["AppendOnlyError", "AuditAction", "AuditEntry", "StaffProfile"]


class AuditAction(models.TextChoices):
    VIEW = "view", _("Xem")
    CREATE = "create", _("Tiếp nhận hồ sơ trực tiếp")
    DOWNLOAD = "download", _("Tải tệp")
    EXPORT = "export", _("Xuất dữ liệu")
    PRINT = "print", _("In giấy tờ")
    TRANSITION = "transition", _("Chuyển trạng thái")
    ASSIGN = "assign", _("Phân công")
    FEE_ADJUST = "fee_adjust", _("Điều chỉnh phí, lệ phí")
    PURGE = "purge", _("Xóa hoặc ẩn danh dữ liệu")
    # The second factor of staff log-in (staff.otp): who enrolled, who reset whose codes.
    OTP_ENROL = "otp_enrol", _("Đăng ký xác thực hai lớp")
    OTP_RESET = "otp_reset", _("Đặt lại xác thực hai lớp")
    OTP_CODES = "otp_codes", _("Tạo lại mã dự phòng")
    OTP_RECOVERY = "otp_recovery", _("Dùng mã dự phòng")


class AuditEntryQuerySet(AppendOnlyQuerySet, TargetQuerySet):
    pass


class AuditEntry(AppendOnlyModel, TargetedModel):
    """Who did what to which record, when. Written once, never changed or deleted.

    Personal data in `target_label` and `details` is masked when the entry is written.
    The actor is protected: an officer with entries is deactivated, never deleted.
    """

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("tài khoản"), max_length=150)
    action = models.CharField(_("hành động"), max_length=20, choices=AuditAction.choices)
    target_label = models.CharField(_("đối tượng"), max_length=255, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        # Nobody may add, change or delete entries by hand: only viewing is a permission.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["target_type", "target_id", "at"]),
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["at"]),
        ]
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = _("nhật ký truy cập")

    def __str__(self):
        """The entry's title and breadcrumb, in local time as its fields are shown."""
        at = timezone.localtime(self.at)
        return f"{self.get_action_display()} – {self.actor_label} – {at:%d/%m/%Y %H:%M}"


class StaffProfile(models.Model):
    """Which fields (lĩnh vực) an officer handles: they see those fields' dossiers only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("tài khoản"),
    )
    fields = models.ManyToManyField(
        "procedures.ProcedureField",
        blank=True,
        related_name="staff",
        verbose_name=_("lĩnh vực phụ trách"),
    )
    position = models.CharField(_("chức danh"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("phân công cán bộ")
        verbose_name_plural = _("phân công cán bộ")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()
