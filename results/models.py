"""A dossier's result delivered electronically: the file, how it is delivered, who took it.

The result file lives in the private storage under a generated name (results/YYYY/MM/…),
outside the dossier files the sweeper checks; its signature facts are recorded when it is
uploaded (results.signatures). `ResultDelivery` records the channel the resident chose and
how and when the result reached him: `delivered_how == ELECTRONIC` is what counts a
dossier as handled fully online. Every download is a `ResultDownload` row, never changed.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.records import AppendOnlyModel
from procedures.constants import Channel
from procedures.models import Dossier
from procedures.storage import get_private_storage, private_storage
from results.constants import DeliveryChannel, DeliveryMethod, Downloader


class DossierResult(models.Model):
    """The current result of a dossier (a PDF), with what its digital signature says."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="result", verbose_name=_("hồ sơ")
    )
    file = models.FileField(_("tệp"), storage=get_private_storage, max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=200)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    has_signature = models.BooleanField(_("có chữ ký số"), default=False)
    signer = models.CharField(_("người ký"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    # None: no signature, or one that could not be read.
    intact = models.BooleanField(_("chưa bị sửa sau khi ký"), null=True, blank=True)
    trusted = models.BooleanField(_("chứng thư tin cậy"), default=False)
    trust_checked = models.BooleanField(_("đã đối chiếu chứng thư gốc"), default=False)
    signature_summary = models.CharField(_("kết quả kiểm tra chữ ký"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("kết quả điện tử")
        verbose_name_plural = _("kết quả điện tử")

    def __str__(self):
        return f"{self.dossier}: {self.original_name}"


@receiver(post_delete, sender=DossierResult)
def _delete_file_after_commit(sender, instance, **kwargs):
    """Remove the stored file only once the row's deletion is committed."""
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: private_storage.delete(name))


def default_channel(dossier):
    """Online dossiers get their result online, desk ones at the desk, unless chosen."""
    return DeliveryChannel.ONLINE if dossier.channel == Channel.ONLINE else DeliveryChannel.DESK


class ResultDelivery(models.Model):
    """The channel the resident chose and how the result reached him."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="delivery", verbose_name=_("hồ sơ")
    )
    channel = models.CharField(
        _("cách nhận kết quả"), max_length=10, choices=DeliveryChannel.choices
    )
    postal_address = models.CharField(_("địa chỉ nhận qua bưu chính"), max_length=300, blank=True)
    # None: the default of the dossier's channel, never chosen by the resident.
    chosen_at = models.DateTimeField(_("công dân chọn lúc"), null=True, blank=True)
    first_downloaded_at = models.DateTimeField(
        _("công dân tải về lần đầu lúc"), null=True, blank=True
    )
    delivered_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    delivered_how = models.CharField(
        _("hình thức trả kết quả"), max_length=12, choices=DeliveryMethod.choices, blank=True
    )
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ trả kết quả"),
    )

    class Meta:
        verbose_name = _("trả kết quả")
        verbose_name_plural = _("trả kết quả")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel=DeliveryChannel.POST) | ~models.Q(postal_address=""),
                name="result_delivery_post_has_address",
            ),
            models.CheckConstraint(
                condition=models.Q(delivered_at__isnull=True, delivered_how="")
                | models.Q(delivered_at__isnull=False) & ~models.Q(delivered_how=""),
                name="result_delivery_when_and_how",
            ),
        ]

    def __str__(self):
        return f"{self.dossier}: {self.get_channel_display()}"

    @property
    def delivered_online(self):
        return self.delivered_how == DeliveryMethod.ELECTRONIC


class ResultDownload(AppendOnlyModel):
    """One download of a result, kept for ever: who, with which proof, when."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="result_downloads")
    sha256 = models.CharField(_("SHA-256 của tệp"), max_length=64)
    by = models.CharField(_("người tải"), max_length=10, choices=Downloader.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tài khoản"),
        help_text=_("Cán bộ, hoặc công dân đã đăng nhập; trống: công dân tra cứu."),
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("lượt tải kết quả")
        verbose_name_plural = _("lượt tải kết quả")
        indexes = [models.Index(fields=["dossier", "at"])]

    def __str__(self):
        at = timezone.localtime(self.at)
        return f"{self.dossier}: {self.get_by_display()} – {at:%d/%m/%Y %H:%M}"
