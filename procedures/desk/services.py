"""Writes of the staff side besides status changes: apologies (form 04), assignment and
adjustments of the fee a dossier owes.

Same habits as `procedures.workflow.dossier_transition`: keyword-only, the row locked, checks
of role and field through `procedures.access`, the audit entry and the resident's message in
the same transaction (the message leaves only after commit).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procedures import access, deadlines
from procedures.constants import DossierStatus, DueChangeKind
from procedures.mail import queue_apology
from procedures.models import Apology, Dossier, FeeAdjustment
from staff.audit import AuditAction, audit


def dossier_apologise(*, dossier, actor, new_due_at, reason):
    """Record form 04: the dossier will miss its date; tell the resident the new one and why."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("procedure").get(pk=dossier.pk)
        if not access.can_apologise(actor, locked):
            raise ValidationError(
                _("Tài khoản của bạn không có quyền lập phiếu xin lỗi cho hồ sơ này."),
                code="permission",
            )
        if locked.status not in deadlines.RUNNING_STATUSES or locked.due_at is None:
            raise ValidationError(
                _(
                    "Chỉ lập phiếu xin lỗi và đề nghị gia hạn cho hồ sơ đã tiếp nhận và "
                    "đang được giải quyết."
                ),
                code="status",
            )
        errors = {}
        if not reason:
            errors["reason"] = _("Ghi rõ lý do chậm trả kết quả.")
        if new_due_at is None or new_due_at <= max(locked.due_at, timezone.now()):
            errors["new_due_at"] = _("Ngày hẹn mới phải sau ngày hẹn hiện tại và sau hôm nay.")
        if errors:
            raise ValidationError(errors)
        apology = Apology.objects.create(
            dossier=locked,
            old_due_at=locked.due_at,
            new_due_at=new_due_at,
            reason=reason,
            actor=actor,
        )
        change = deadlines.set_due(
            locked, new_due_at, kind=DueChangeKind.APOLOGY, actor=actor, apology=apology
        )
        change.save()
        locked.save(update_fields=["due_at", "due_date", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.TRANSITION,
            target=locked,
            apology=apology.pk,
            new_due=new_due_at.date().isoformat(),
        )
        queue_apology(locked, apology)
    dossier.due_at, dossier.due_date = locked.due_at, locked.due_date
    return apology


def dossier_assign(*, dossier, actor, officer):
    """Give the dossier to an officer who handles its field (or to nobody)."""
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("procedure").get(pk=dossier.pk)
        if not access.can_assign(actor, locked):
            raise ValidationError(
                _("Tài khoản của bạn không có quyền phân công hồ sơ này."), code="permission"
            )
        if officer is not None and not access.can_handle_field(officer, locked.procedure.field_id):
            raise ValidationError(
                {"officer": _("Cán bộ này không phụ trách lĩnh vực của hồ sơ.")}, code="field"
            )
        locked.assigned_to = officer
        locked.save(update_fields=["assigned_to", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.ASSIGN,
            target=locked,
            officer=officer.get_username() if officer else "",
        )
    dossier.assigned_to = officer
    return locked


# A dossier whose handling is over owes what it owed: its fee is no longer adjusted.
FEE_CLOSED_STATUSES = (
    DossierStatus.REFUSED,
    DossierStatus.STOPPED,
    DossierStatus.DONE,
    DossierStatus.RETURNED,
)


def can_adjust_fee(user, dossier):
    """Whether `user` may change what `dossier` owes: an officer who processes it."""
    return access.can_see(user, dossier) and user.has_perm(access.PROCESS)


def dossier_adjust_fee(*, dossier, actor, amount, reason):
    """Set the fee `dossier` owes to `amount` (whole đồng), recording why and by whom."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("procedure").get(pk=dossier.pk)
        if actor is None or not can_adjust_fee(actor, locked):
            raise ValidationError(
                _("Tài khoản của bạn không có quyền điều chỉnh phí, lệ phí của hồ sơ này."),
                code="permission",
            )
        if locked.status in FEE_CLOSED_STATUSES:
            raise ValidationError(
                _("Hồ sơ đã kết thúc giải quyết: không điều chỉnh phí, lệ phí được nữa."),
                code="status",
            )
        errors = {}
        if not reason:
            errors["reason"] = _("Ghi rõ lý do điều chỉnh số tiền phải nộp.")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
            errors["amount"] = _("Số tiền phải là số nguyên từ 0 trở lên, ví dụ 10.000.")
        elif amount == locked.fee_due:
            errors["amount"] = _("Số tiền mới trùng với số tiền đang phải nộp.")
        if errors:
            raise ValidationError(errors)
        adjustment = FeeAdjustment(
            dossier=locked,
            old_amount=locked.fee_due,
            new_amount=amount,
            reason=reason,
            actor=actor,
        )
        adjustment.full_clean()
        adjustment.save()
        locked.fee_due = amount
        locked.save(update_fields=["fee_due", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.FEE_ADJUST,
            target=locked,
            old_amount=adjustment.old_amount,
            new_amount=amount,
            reason=reason[:500],
        )
    dossier.fee_due = amount
    return adjustment
