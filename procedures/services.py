"""Writes of the resident's side: submit a dossier, supplement it, withdraw it, rate it;
and the desk's registration of a dossier brought in person, which shares the creation code.

Each service takes keyword arguments, validates, writes in one transaction and schedules
mail after commit. Files are copied to their final private name *before* the transaction
and removed again if it fails, so a committed dossier always has its files and a failed
one leaves none (the sweeper catches a crash in between).
"""

import logging
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from procedures import access, fees, staging
from procedures.constants import Channel, DossierStatus
from procedures.mail import queue_receipt_email
from procedures.models import (
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierEvent,
    DossierFee,
    DossierRating,
)
from procedures.models.dossiers import hash_tracking_token
from procedures.workflow import dossier_transition
from staff.audit import AuditAction, audit

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
    try:
        dossier = _create_dossier(
            procedure=procedure,
            channel=Channel.ONLINE,
            applicant=applicant,
            answers=answers,
            documents=documents,
            consent_at=consent_at,
            notice_version=notice_version,
            tracking_token=tracking_token,
            tracking_url=tracking_url,
            first_note=_("Nộp hồ sơ trực tuyến."),
            submission_token=submission_token,
        )
    except Exception:
        # A parallel POST with the same token may have won (its commit also removed the
        # staged files this one was copying): answer with that dossier.
        existing = Dossier.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return existing, False
    return dossier, True


def dossier_register_in_person(
    *,
    procedure,
    applicant,
    documents,
    actor,
    paper_documents=(),
    answers=None,
    note="",
    consent_at=None,
    notice_version,
    accept=False,
):
    """Register a dossier a resident brings to the desk; return (dossier, tracking token).

    `documents` are (RequiredDocument, StagedFile) pairs scanned at the desk,
    `paper_documents` the RequiredDocuments received on paper only; every mandatory
    document must be in one of them. The first history event names `actor`. With
    `accept=True` the officer also accepts it at once through the workflow (receipt,
    form 01, and the appointment), all in the same transaction: a refusal of that step
    leaves no dossier behind. The resident gets the receipt by e-mail when one is given.
    """
    if actor is None or not access.can_register(actor, procedure):
        raise ValidationError(
            _("Tài khoản của bạn không được tiếp nhận hồ sơ của thủ tục này."), code="permission"
        )
    paper = list(paper_documents)
    if {r.pk for r, _s in documents} & {r.pk for r in paper}:
        raise ValidationError(
            _("Mỗi giấy tờ chỉ chọn một cách nhận: tệp quét hoặc bản giấy."), code="documents"
        )
    _check_documents(procedure, documents, paper=paper)
    _submission, tracking_token = new_submission_tokens()
    note = (note or "").strip()

    def record_and_accept(dossier):
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=dossier,
            channel=Channel.IN_PERSON.value,
            files=len(documents),
            paper=len(paper),
        )
        if accept:
            # The receipt mail below already gives the appointment: no second mail.
            dossier_transition(
                dossier=dossier, to_status=DossierStatus.ACCEPTED, actor=actor, notify=False
            )

    dossier = _create_dossier(
        procedure=procedure,
        channel=Channel.IN_PERSON,
        applicant=applicant,
        answers=answers or {},
        documents=[*documents, *((required, None) for required in paper)],
        consent_at=consent_at or timezone.now(),
        notice_version=notice_version,
        tracking_token=tracking_token,
        tracking_url=_absolute_tracking_url(tracking_token),
        first_note=_("Nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công."),
        internal_note=note,
        actor=actor,
        then=record_and_accept,
    )
    return dossier, tracking_token


def _absolute_tracking_url(token):
    """The secret tracking link for mail sent without a request (SITE_URL, Vietnamese)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("procedures:tracking_token", args=[token])
    return settings.SITE_URL.rstrip("/") + path


def _create_dossier(
    *,
    procedure,
    channel,
    applicant,
    answers,
    documents,
    consent_at,
    notice_version,
    tracking_token,
    first_note,
    internal_note="",
    actor=None,
    submission_token=None,
    tracking_url=None,
    then=None,
):
    """Write the dossier, its documents and its first history event in one transaction.

    The code is drawn inside the transaction (`next_dossier_code`); `documents` are
    (RequiredDocument, StagedFile or None for a paper document) pairs. Files are given
    their final name before the transaction and removed again if anything fails, so a
    failure leaves no row and no file. `then(dossier)` runs inside the transaction (the
    desk's immediate acceptance); the receipt mail is queued last, sent after commit. The
    fee due is computed from the procedure's schedule (procedures.fees) and kept with its
    lines.
    """
    written = []
    try:
        for _required, staged in documents:
            written.append(staging.copy_to_final(staged) if staged is not None else "")
        now = timezone.now()
        dossier = Dossier(
            procedure=procedure,
            channel=channel,
            submission_token=submission_token,
            tracking_token_hash=hash_tracking_token(tracking_token),
            answers=answers,
            privacy_notice_version=notice_version,
            consent_at=consent_at,
            submitted_at=now,
            **applicant,
        )
        # What is owed, from the schedule as it stands at filing (kept line by line below).
        quote = fees.compute(procedure, answers, channel=channel, on=timezone.localdate(now))
        dossier.fee_due = quote.total
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
                _document_row(dossier, required, staged, name, now)
                for (required, staged), name in zip(documents, written, strict=True)
            )
            DossierEvent.objects.create(
                dossier=dossier,
                from_status=None,
                to_status=DossierStatus.NEW,
                actor=actor,
                public_note=first_note,
                internal_note=internal_note,
                created_at=now,
            )
            DossierFee.objects.create(
                dossier=dossier,
                lines=[line.as_json() for line in quote.lines],
                total=quote.total,
                known=quote.known,
                created_at=now,
            )
            if then is not None:
                then(dossier)
            temp_names = [staged.temp_name for _r, staged in documents if staged is not None]
            transaction.on_commit(lambda: staging.discard(temp_names), robust=True)
            if tracking_url and dossier.email:
                queue_receipt_email(dossier, tracking_url)
    except BaseException:
        staging.discard([name for name in written if name])
        raise
    return dossier


def _document_row(dossier, required, staged, name, now):
    if staged is None:
        return DossierDocument(
            dossier=dossier,
            required_document=required,
            document_name=required.name,
            on_paper=True,
            uploaded_at=now,
        )
    return DossierDocument(
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


def _check_documents(procedure, documents, paper=()):
    by_id = {required.pk for required, _staged in documents} | {r.pk for r in paper}
    missing = [d.name for d in procedure.documents.all() if d.is_mandatory and d.pk not in by_id]
    if missing:
        raise ValidationError(
            _("Còn thiếu giấy tờ bắt buộc: %(names)s."), params={"names": "; ".join(missing)}
        )
    if any(
        required.procedure_id != procedure.pk for required in [*(r for r, _s in documents), *paper]
    ):
        raise ValidationError(_("Giấy tờ không thuộc thủ tục này."))
    if len(documents) > settings.DOSSIER_MAX_FILES:
        raise ValidationError(_("Hồ sơ có quá nhiều tệp."))
    _check_total_size(staged for _r, staged in documents)


def _check_total_size(files):
    """One ceiling for all the files of a submission or of a supplement (each file is
    within its own limit already, procedures.files)."""
    if sum(file.size for file in files) > settings.DOSSIER_MAX_TOTAL_SIZE:
        raise ValidationError(_("Tổng dung lượng các tệp vượt quá mức cho phép."), code="too_large")


def dossier_supplement(*, dossier, files):
    """Store the resident's supplement: exactly the requested documents, then resume processing.

    `files` maps RequiredDocument pk -> CleanFile (see procedures.files.check_upload).
    """
    request = dossier.open_supplement_request()
    if request is None:
        raise ValidationError(_("Hồ sơ không có yêu cầu bổ sung đang chờ."), code="no_request")
    requested = {d.pk: d for d in request.documents.all()}
    if set(files) != set(requested):
        raise ValidationError(
            _("Cần tải lên đúng và đủ các giấy tờ được yêu cầu bổ sung."), code="mismatch"
        )
    _check_total_size(files.values())
    written = []
    try:
        for pk in requested:
            written.append(staging.store_clean_file(files[pk]))
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
        staging.discard(written)
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
    return str(uuid.uuid4()), secrets.token_urlsafe(32)
