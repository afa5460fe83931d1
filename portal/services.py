"""Writes of the resident's side: submit a dossier, supplement it, withdraw it, rate it.

Each service takes keyword arguments, validates, writes in one transaction and schedules
mail after commit. Files are copied to their final private name *before* the transaction
and removed again if it fails, so a committed dossier always has its files and a failed
one leaves none (the sweeper catches a crash in between).
"""

import logging
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import DossierStatus
from .models import (
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierEvent,
    DossierRating,
)
from .models.dossiers import hash_tracking_token
from .storage import final_name, private_storage
from .workflow import dossier_transition

logger = logging.getLogger(__name__)


def next_dossier_code(*, day=None):
    """Return the next `<unit>-YYMMDD-NNNN` code; call inside the dossier's transaction.

    The counter row is created if missing (INSERT … ON CONFLICT DO NOTHING) and then
    locked, so parallel submissions of the same day queue on it and never share a number.
    """
    unit = settings.DOSSIER_UNIT_CODE
    day = day or timezone.localdate()
    DossierCodeCounter.objects.bulk_create(
        [DossierCodeCounter(unit_code=unit, day=day)], ignore_conflicts=True
    )
    counter = DossierCodeCounter.objects.select_for_update().get(unit_code=unit, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{unit}-{day:%y%m%d}-{counter.last:04d}"


class StagedFile:
    """A checked upload waiting in the private temp area (see portal.wizard)."""

    def __init__(self, *, temp_name, original_name, content_type, size, sha256, extension):
        self.temp_name = temp_name
        self.original_name = original_name
        self.content_type = content_type
        self.size = size
        self.sha256 = sha256
        self.extension = extension

    @classmethod
    def from_session(cls, data):
        return cls(
            **{
                k: data[k]
                for k in (
                    "temp_name",
                    "original_name",
                    "content_type",
                    "size",
                    "sha256",
                    "extension",
                )
            }
        )


def _copy_to_final(staged):
    """Give the staged file its final name: a hard link (no copy) on the local disk."""
    name = final_name(staged.extension)
    try:
        source, target = private_storage.path(staged.temp_name), private_storage.path(name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)
        return name
    except (NotImplementedError, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        # Another file system or a remote storage: copy the bytes instead.
        with private_storage.open(staged.temp_name, "rb") as handle:
            return private_storage.save(name, ContentFile(handle.read()))


def _store_clean_file(clean):
    return private_storage.save(final_name(clean.extension), ContentFile(clean.data))


def _discard(names):
    for name in names:
        try:
            private_storage.delete(name)
        except OSError:
            logger.warning("Could not remove file %s after a failed write", name)


def dossier_submit(
    *,
    procedure,
    applicant,
    answers,
    documents,
    consent_at,
    notice_version,
    submission_token,
    tracking_token,
    tracking_url=None,
):
    """Create the dossier from a finished online form; return (dossier, created).

    `applicant` holds the cleaned fields of the applicant step, `answers` the procedure's
    own answers ({key: {"label", "value"}}), `documents` a list of (RequiredDocument,
    StagedFile). The same `submission_token` always yields the same dossier.
    """
    existing = Dossier.objects.filter(submission_token=submission_token).first()
    if existing:
        return existing, False
    if not procedure.accepts_online:
        raise ValidationError(_("Thủ tục này hiện không nhận hồ sơ trực tuyến."), code="closed")
    _check_documents(procedure, documents)

    written = []
    try:
        for _required, staged in documents:
            written.append(_copy_to_final(staged))
        now = timezone.now()
        dossier = Dossier(
            procedure=procedure,
            submission_token=submission_token,
            tracking_token_hash=hash_tracking_token(tracking_token),
            answers=answers,
            privacy_notice_version=notice_version,
            consent_at=consent_at,
            submitted_at=now,
            **applicant,
        )
        # Validated before the transaction: the day's counter row stays locked only for the
        # inserts. Unique fields are left to the database constraints (the only check that
        # holds under concurrency anyway).
        dossier.full_clean(
            exclude=["submission_token", "code"], validate_unique=False, validate_constraints=False
        )
        with transaction.atomic():
            dossier.code = next_dossier_code(day=timezone.localdate(now))
            dossier.save()
            DossierDocument.objects.bulk_create(
                DossierDocument(
                    dossier=dossier,
                    required_document=required,
                    document_name=required.name,
                    file=name,
                    original_name=staged.original_name,
                    content_type=staged.content_type,
                    size=staged.size,
                    sha256=staged.sha256,
                    uploaded_at=now,
                )
                for (required, staged), name in zip(documents, written, strict=True)
            )
            DossierEvent.objects.create(
                dossier=dossier,
                from_status=None,
                to_status=DossierStatus.NEW,
                public_note=_("Nộp hồ sơ trực tuyến."),
                created_at=now,
            )
            temp_names = [staged.temp_name for _r, staged in documents]
            transaction.on_commit(lambda: _discard(temp_names), robust=True)
            if tracking_url and dossier.email:
                from .dossier_mail import queue_receipt_email

                queue_receipt_email(dossier, tracking_url)
    except Exception:
        _discard(written)
        # A parallel POST with the same token may have won (its commit also removed the
        # staged files this one was copying): answer with that dossier.
        existing = Dossier.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return existing, False
    except BaseException:
        _discard(written)
        raise
    return dossier, True


def _check_documents(procedure, documents):
    by_id = {required.pk for required, _staged in documents}
    missing = [d.name for d in procedure.documents.all() if d.is_mandatory and d.pk not in by_id]
    if missing:
        raise ValidationError(
            _("Còn thiếu giấy tờ bắt buộc: %(names)s."), params={"names": "; ".join(missing)}
        )
    if any(required.procedure_id != procedure.pk for required, _s in documents):
        raise ValidationError(_("Giấy tờ không thuộc thủ tục này."))
    if len(documents) > settings.DOSSIER_MAX_FILES:
        raise ValidationError(_("Hồ sơ có quá nhiều tệp."))
    if sum(staged.size for _r, staged in documents) > settings.DOSSIER_MAX_TOTAL_SIZE:
        raise ValidationError(_("Tổng dung lượng các tệp vượt quá mức cho phép."))


def dossier_supplement(*, dossier, files):
    """Store the resident's supplement: exactly the requested documents, then resume processing.

    `files` maps RequiredDocument pk -> CleanFile (see portal.files.check_upload).
    """
    request = dossier.open_supplement_request()
    if request is None:
        raise ValidationError(_("Hồ sơ không có yêu cầu bổ sung đang chờ."), code="no_request")
    requested = {d.pk: d for d in request.documents.all()}
    if set(files) != set(requested):
        raise ValidationError(
            _("Cần tải lên đúng và đủ các giấy tờ được yêu cầu bổ sung."), code="mismatch"
        )
    written = []
    try:
        for pk in requested:
            written.append(_store_clean_file(files[pk]))
        with transaction.atomic():
            now = timezone.now()
            DossierDocument.objects.bulk_create(
                DossierDocument(
                    dossier=dossier,
                    required_document=requested[pk],
                    supplement_request=request,
                    document_name=requested[pk].name,
                    file=name,
                    original_name=files[pk].original_name,
                    content_type=files[pk].content_type,
                    size=files[pk].size,
                    sha256=files[pk].sha256,
                    uploaded_at=now,
                )
                for pk, name in zip(requested, written, strict=True)
            )
            request.fulfilled_at = now
            request.save(update_fields=["fulfilled_at"])
            dossier_transition(
                dossier=dossier,
                to_status=DossierStatus.PROCESSING,
                actor=None,
                public_note=_("Công dân đã bổ sung giấy tờ theo yêu cầu."),
            )
    except BaseException:
        _discard(written)
        raise
    return request


def dossier_request_withdrawal(*, dossier, reason):
    """The resident asks to withdraw the dossier (national status 7)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Cho biết lý do rút hồ sơ."), code="reason")
    return dossier_transition(
        dossier=dossier,
        to_status=DossierStatus.WITHDRAWAL_REQUESTED,
        actor=None,
        public_note=_("Công dân yêu cầu rút hồ sơ: %(reason)s") % {"reason": reason[:500]},
    )


RATEABLE = (DossierStatus.DONE, DossierStatus.RETURNED)


def dossier_rate(*, dossier, satisfied, reasons=(), comment=""):
    """Record the resident's one rating of the service once the result is out."""
    if dossier.status not in RATEABLE:
        raise ValidationError(_("Chỉ đánh giá được sau khi có kết quả."), code="too_early")
    rating = DossierRating(
        dossier=dossier, satisfied=satisfied, reasons=list(reasons), comment=(comment or "")[:1000]
    )
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        raise ValidationError(_("Hồ sơ này đã được đánh giá."), code="duplicate") from None
    return rating


def new_submission_tokens():
    """A fresh one-time submission token and a secret tracking token (256 random bits)."""
    import secrets

    return str(uuid.uuid4()), secrets.token_urlsafe(32)
