"""Online forms saved to be finished later: a copy of the form's progress behind a secret link.

The link carries a random token; the row keeps only its SHA-256, like a dossier's tracking
token. A draft opens until its dossier is sent (`used_at`) or it expires (`expires_at`);
the sweeper (sweep_dossier_files) keeps the staged files of open drafts and deletes rows
a day after they closed.
"""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procedures.models.catalogue import Procedure
from procedures.models.dossiers import TRACKING_TOKEN_RE, hash_tracking_token

# A closed draft's row stays this long, so its link still answers "already sent" or
# "expired" rather than "unknown" to a resident who opens it just after.
KEEP_CLOSED = dt.timedelta(days=1)


class DossierDraftQuerySet(models.QuerySet):
    def by_token(self, token):
        if not token or len(token) > 100 or not TRACKING_TOKEN_RE.fullmatch(token):
            return self.none()
        return self.filter(token_hash=hash_tracking_token(token))

    def live(self, now=None):
        """Drafts whose link still opens the form: not sent, not expired."""
        return self.filter(used_at__isnull=True, expires_at__gt=now or timezone.now())

    def stale(self, now=None):
        """Drafts closed (sent or expired) more than KEEP_CLOSED ago: their rows can go."""
        cutoff = (now or timezone.now()) - KEEP_CLOSED
        return self.filter(Q(expires_at__lt=cutoff) | Q(used_at__lt=cutoff))


class DossierDraft(models.Model):
    """An online form saved with “Lưu và tiếp tục sau”: the progress, where to land, until when."""

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The form's session state as saved: applicant, answers, staged files, consent.
    state = models.JSONField(_("nội dung đã khai"), editable=False)
    step = models.CharField(_("bước"), max_length=20)
    # The form's one-time submission token: the dossier sent from any copy is the same one.
    submission_token = models.UUIDField(db_index=True, editable=False)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("lưu lần đầu lúc"), default=timezone.now)
    saved_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("đã nộp lúc"), null=True, blank=True)

    objects = DossierDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ lưu để nộp sau")
        verbose_name_plural = _("hồ sơ lưu để nộp sau")

    def __str__(self):
        return f"{self.procedure_id}: {self.step} → {self.expires_at:%Y-%m-%d %H:%M}"

    def is_live(self, now=None):
        return self.used_at is None and self.expires_at > (now or timezone.now())

    def staged_names(self):
        """Names of the staged files (tmp/…) the saved form refers to."""
        documents = (self.state or {}).get("documents") or {}
        return {d["temp_name"] for d in documents.values() if d.get("temp_name")}
