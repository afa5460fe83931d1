"""Messages sent to residents, kept so the dossier shows what was sent and what happened."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.records import TargetedModel, TargetQuerySet


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không thành công")


class NotificationQuerySet(TargetQuerySet):
    def due(self, now):
        """Return the queued notifications whose next attempt is due at `now`."""
        return self.filter(status=NotificationStatus.QUEUED, next_attempt_at__lte=now)


class Notification(TargetedModel):
    """One e-mail or SMS, rendered when it was queued, with its delivery attempts.

    "Sent" means the mail server or SMS gateway accepted the message; what happens after
    that is outside our sight. `recipient` holds the real address for sending and retries;
    lists and the dossier page show `recipient_masked` only.
    """

    channel = models.CharField(_("kênh"), max_length=10, choices=NotificationChannel.choices)
    recipient = models.CharField(_("người nhận"), max_length=254)
    recipient_masked = models.CharField(_("người nhận (che bớt)"), max_length=254)
    template = models.CharField(_("mẫu"), max_length=200)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body_text = models.TextField(_("nội dung"))
    body_html = models.TextField(_("nội dung HTML"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    next_attempt_at = models.DateTimeField(_("lần gửi tiếp theo"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi được lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]
        verbose_name = _("thông báo đã gửi")
        verbose_name_plural = _("thông báo gửi người dân")

    def __str__(self):
        return f"{self.get_channel_display()} → {self.recipient_masked}: {self.subject}"
