"""The dossier workflow: the one service that applies the table of allowed transitions.

Statuses are the national one-stop codes (constants.DossierStatus); the table, one row per
move, is `procedures.transitions`. This module guarantees the invariants: only listed
transitions, row locked, history appended, side effects after commit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procedures import access, deadlines
from procedures.constants import DossierStatus as S
from procedures.mail import queue_status_email
from procedures.models import Dossier, DossierEvent, SupplementRequest
from procedures.models.dossiers import status_change_allowed
from procedures.transitions import (
    INPUT_NAMES,
    RESIDENT,
    STAFF,
    TRANSITIONS,
    Transition,
    allowed_targets,
)
from staff.audit import AuditAction, audit

# The table lives in procedures.transitions; callers of the service find it here too.
__all__ = [
    "RESIDENT",
    "STAFF",
    "TRANSITIONS",
    "Transition",
    "TransitionRefused",
    "allowed_targets",
    "dossier_transition",
]


class TransitionRefused(ValidationError):
    pass


def dossier_transition(
    *, dossier, to_status, actor, public_note="", internal_note="", notify=True, **inputs
):
    """Move `dossier` to `to_status`, append the history row, schedule side effects.

    `actor` is the staff user, or None for the resident online. Raises TransitionRefused
    for anything the table does not allow. Returns the new DossierEvent. `notify=False`
    is for a caller that mails the resident itself (the desk's receipt at registration).
    """
    unexpected = set(inputs) - INPUT_NAMES
    if unexpected:
        # A misspelt input would otherwise be ignored without a word.
        raise TypeError(f"dossier_transition() got unexpected inputs: {sorted(unexpected)}")
    by = RESIDENT if actor is None else STAFF
    to_status = S(to_status)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        from_status = S(locked.status)
        rule = TRANSITIONS.get((from_status, to_status))
        if rule is None or by not in rule.by:
            raise TransitionRefused(
                _("Không thể chuyển hồ sơ từ “%(from)s” sang “%(to)s”."),
                params={"from": from_status.label, "to": to_status.label},
                code="forbidden",
            )
        if rule.needs_public_note and not public_note.strip():
            raise TransitionRefused(_("Cần ghi rõ lý do gửi công dân."), code="note_required")
        missing = [name for name in rule.needs if not inputs.get(name)]
        if missing:
            raise TransitionRefused(
                _("Thiếu thông tin: %(names)s."), params={"names": ", ".join(missing)}, code="input"
            )
        now = timezone.now()
        if by == STAFF:
            _check_staff(locked, to_status, actor, now, inputs)
        _apply_fields(locked, to_status, now, inputs)
        # The working-day clock (acceptance, pauses, timeliness), recorded.
        due_changes = deadlines.on_transition(locked, from_status, to_status, now, actor)
        locked.status = to_status
        # Field validation only: the row exists, its unique fields are unchanged.
        locked.clean_fields(exclude=["procedure", "province", "ward", "assigned_to"])
        with status_change_allowed():
            locked.save()
        event = DossierEvent.objects.create(
            dossier=locked,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            public_note=public_note.strip(),
            internal_note=internal_note.strip(),
            created_at=now,
        )
        if "documents" in rule.needs:
            request = SupplementRequest.objects.create(
                dossier=locked,
                event=event,
                note=public_note.strip(),
                requested_by=actor,
                created_at=now,
            )
            request.documents.set(inputs["documents"])
        for change in due_changes:
            change.event = event
            change.save()
        if by == STAFF:
            audit(
                actor=actor,
                action=AuditAction.TRANSITION,
                target=locked,
                from_status=int(from_status),
                to_status=int(to_status),
            )
        if notify:
            queue_status_email(locked, event)  # queued now, sent after commit
    # Keep the caller's instance in step with the database.
    for name in (
        "status",
        "accepted_at",
        "due_date",
        "due_at",
        "legal_due_at",
        "timeliness",
        "working_days_used",
        "finished_at",
        "returned_at",
        "obligation_amount",
    ):
        setattr(dossier, name, getattr(locked, name))
    dossier._loaded_status = locked.status
    return event


def _apply_fields(dossier, to_status, now, inputs):
    # accepted_at, the appointment and finished_at are set by procedures.deadlines.
    if to_status == S.FINANCIAL_OBLIGATION:
        dossier.obligation_amount = inputs["amount"]
    elif to_status == S.RETURNED:
        dossier.returned_at = now


def _refuse(message, code, **params):
    raise TransitionRefused(message, code=code, params=params or None)


def _check_staff(dossier, to_status, actor, now, inputs):
    """The staff-side rules: role and field, "guide once", the apology rule."""
    if actor is None or not access.can_transition(actor, dossier, to_status):
        _refuse(
            _("Tài khoản của bạn không có quyền thực hiện bước này với hồ sơ này."), "permission"
        )
    if to_status == S.SUPPLEMENT_REQUESTED:
        documents = list(inputs["documents"])
        if any(getattr(d, "procedure_id", None) != dossier.procedure_id for d in documents):
            _refuse(_("Chỉ chọn giấy tờ thuộc thành phần hồ sơ của thủ tục này."), "documents")
        # "Guide once" (Decree 61/2018 Art. 9, lapsed on 1/7/2025; the matching article of
        # Decree 118/2025 is not yet read): a second request needs a leader.
        if dossier.supplement_requests.exists() and not actor.has_perm(
            access.APPROVE_SECOND_SUPPLEMENT
        ):
            _refuse(
                _(
                    "Hồ sơ đã được yêu cầu bổ sung một lần. Yêu cầu bổ sung lần thứ hai "
                    "phải do lãnh đạo duyệt và thực hiện."
                ),
                "guide_once",
            )
    if to_status == S.FINANCIAL_OBLIGATION:
        amount = inputs["amount"]
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            _refuse(_("Số tiền phải là số nguyên dương (đồng)."), "amount")
    if deadlines.is_overdue(dossier, now) and to_status not in (
        S.STOPPED,
        S.WITHDRAWAL_REQUESTED,
    ):
        _refuse(
            _(
                "Hồ sơ đã quá ngày hẹn trả. Lập phiếu xin lỗi và đề nghị gia hạn (mẫu 04) "
                "trước khi tiếp tục."
            ),
            "apology_required",
        )
