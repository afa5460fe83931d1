"""Appointments moved: due-date changes and apologies (form 04), append-only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.records import AppendOnlyModel
from procedures.constants import DueChangeKind
from procedures.models.dossiers import Dossier, DossierEvent


class Apology(AppendOnlyModel):
    """Form 04 (Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết): the dossier will
    miss its date; a new one, and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="apologies")
    old_due_at = models.DateTimeField(_("hẹn cũ"))
    new_due_at = models.DateTimeField(_("hẹn mới"))
    reason = models.TextField(_("lý do chậm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("phiếu xin lỗi và đề nghị gia hạn")
        verbose_name_plural = _("phiếu xin lỗi và đề nghị gia hạn")

    def __str__(self):
        return _("Xin lỗi, hẹn lại %(due)s – %(at)s") % {
            "due": f"{timezone.localtime(self.new_due_at):%d/%m/%Y %H:%M}",
            "at": f"{timezone.localtime(self.created_at):%d/%m/%Y %H:%M}",
        }


class DueDateChange(AppendOnlyModel):
    """Every change of a dossier's appointment, with its cause (never silent)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="due_changes")
    event = models.ForeignKey(
        DossierEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    apology = models.ForeignKey(
        Apology, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("loại"), max_length=20, choices=DueChangeKind.choices)
    old_due_at = models.DateTimeField(_("hẹn cũ"), null=True, blank=True)
    new_due_at = models.DateTimeField(_("hẹn mới"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("thay đổi ngày hẹn")
        verbose_name_plural = _("thay đổi ngày hẹn")

    def __str__(self):
        return _("%(kind)s: hẹn %(due)s – %(at)s") % {
            "kind": self.get_kind_display(),
            "due": f"{timezone.localtime(self.new_due_at):%d/%m/%Y %H:%M}",
            "at": f"{timezone.localtime(self.created_at):%d/%m/%Y %H:%M}",
        }
