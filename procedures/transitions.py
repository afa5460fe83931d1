"""The table of allowed dossier transitions: one row per move, everything about the move.

A row says who may ask for the move, the staff permission it needs, its required inputs,
whether the resident must be given a reason, the desk's button and note labels, the
printable form it produces and what it does to the working-day clock. The workflow
service (`procedures.workflow`), the permission check (`procedures.access`), the desk's
forms and work queue (`procedures.desk`) and the clock (`procedures.deadlines`) read the
row; none of them lists transitions of its own. Anything not in the table is forbidden.
"""

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from procedures.access import PROCESS, RECEIVE
from procedures.constants import DossierStatus as S
from procedures.constants import PrintForm

STAFF = "staff"
RESIDENT = "resident"

STAFF_ONLY = frozenset({STAFF})
RESIDENT_OR_STAFF = frozenset({RESIDENT, STAFF})


class Clock(enum.Enum):
    """What a move does to the working-day clock; `procedures.deadlines` applies it."""

    UNCHANGED = "unchanged"
    # Acceptance: the appointment is set from the procedure's processing days.
    START = "start"
    # The office waits for the resident: the clock stops until the move back.
    PAUSE = "pause"
    # Back from a pause: the appointment moves later by the pause; a dossier never
    # accepted (documents asked for at the desk) starts its clock here instead.
    RESUME = "resume"
    # The result is ready: timeliness and working days used are recorded.
    FINISH = "finish"


@dataclass(frozen=True, kw_only=True)
class Transition:
    by: frozenset  # who may ask for it: STAFF, RESIDENT
    permission: str  # what a staff member needs besides seeing the dossier
    label: str  # the desk's button and page heading
    needs: tuple = ()  # required keyword inputs of dossier_transition()
    needs_public_note: bool = False  # a reason the resident must read (refusal, stop…)
    # The desk records the resident's reason even where the online request needs none.
    note_required_at_desk: bool = False
    note_label: str = ""  # the public note's label at the desk ("" for the default)
    prints: str = ""  # the printable form the move produces (PrintForm), if any
    clock: Clock = Clock.UNCHANGED


# (from, to) -> Transition. The desk receives, refuses, asks for documents before
# acceptance and hands out results (RECEIVE); officers do the processing (PROCESS).
TRANSITIONS = {
    (S.NEW, S.ACCEPTED): Transition(
        by=STAFF_ONLY,
        permission=RECEIVE,
        label=_("Tiếp nhận hồ sơ"),
        prints=PrintForm.RECEIPT,
        clock=Clock.START,
    ),
    (S.NEW, S.REFUSED): Transition(
        by=STAFF_ONLY,
        permission=RECEIVE,
        label=_("Từ chối tiếp nhận"),
        needs_public_note=True,
        note_label=_("Lý do không tiếp nhận (ghi trên phiếu từ chối, mẫu 03)"),
        prints=PrintForm.REFUSAL,
    ),
    # Before acceptance the clock has not started; the complete supplement starts it.
    (S.NEW, S.SUPPLEMENT_REQUESTED): Transition(
        by=STAFF_ONLY,
        permission=RECEIVE,
        label=_("Yêu cầu bổ sung"),
        needs=("documents",),
        needs_public_note=True,
        note_label=_("Hướng dẫn bổ sung, đầy đủ trong một lần (mẫu 02)"),
        prints=PrintForm.SUPPLEMENT,
        clock=Clock.PAUSE,
    ),
    (S.NEW, S.WITHDRAWAL_REQUESTED): Transition(
        by=RESIDENT_OR_STAFF,
        permission=RECEIVE,
        label=_("Ghi nhận yêu cầu rút hồ sơ"),
        note_required_at_desk=True,
        note_label=_("Lý do công dân rút hồ sơ"),
    ),
    (S.ACCEPTED, S.PROCESSING): Transition(
        by=STAFF_ONLY,
        permission=PROCESS,
        label=_("Chuyển xử lý"),
    ),
    (S.ACCEPTED, S.WITHDRAWAL_REQUESTED): Transition(
        by=RESIDENT_OR_STAFF,
        permission=RECEIVE,
        label=_("Ghi nhận yêu cầu rút hồ sơ"),
        note_required_at_desk=True,
        note_label=_("Lý do công dân rút hồ sơ"),
    ),
    (S.PROCESSING, S.SUPPLEMENT_REQUESTED): Transition(
        by=STAFF_ONLY,
        permission=PROCESS,
        label=_("Yêu cầu bổ sung"),
        needs=("documents",),
        needs_public_note=True,
        note_label=_("Hướng dẫn bổ sung, đầy đủ trong một lần (mẫu 02)"),
        prints=PrintForm.SUPPLEMENT,
        clock=Clock.PAUSE,
    ),
    (S.PROCESSING, S.FINANCIAL_OBLIGATION): Transition(
        by=STAFF_ONLY,
        permission=PROCESS,
        label=_("Yêu cầu thực hiện nghĩa vụ tài chính"),
        needs=("amount",),
        note_label=_("Hướng dẫn nộp (nơi nộp, thời hạn)"),
        clock=Clock.PAUSE,
    ),
    (S.PROCESSING, S.STOPPED): Transition(
        by=STAFF_ONLY,
        permission=PROCESS,
        label=_("Dừng xử lý"),
        needs_public_note=True,
        note_label=_("Lý do dừng xử lý"),
        prints=PrintForm.STOP_NOTICE,
    ),
    (S.PROCESSING, S.DONE): Transition(
        by=STAFF_ONLY,
        permission=PROCESS,
        label=_("Đã xử lý xong"),
        clock=Clock.FINISH,
    ),
    (S.PROCESSING, S.WITHDRAWAL_REQUESTED): Transition(
        by=RESIDENT_OR_STAFF,
        permission=PROCESS,
        label=_("Ghi nhận yêu cầu rút hồ sơ"),
        note_required_at_desk=True,
        note_label=_("Lý do công dân rút hồ sơ"),
    ),
    # The resident's upload of the requested documents restarts processing.
    (S.SUPPLEMENT_REQUESTED, S.PROCESSING): Transition(
        by=RESIDENT_OR_STAFF,
        permission=PROCESS,
        label=_("Chuyển xử lý"),
        clock=Clock.RESUME,
    ),
    (S.SUPPLEMENT_REQUESTED, S.STOPPED): Transition(
        by=STAFF_ONLY,
        permission=PROCESS,
        label=_("Dừng xử lý"),
        needs_public_note=True,
        note_label=_("Lý do dừng xử lý"),
        prints=PrintForm.STOP_NOTICE,
    ),
    (S.SUPPLEMENT_REQUESTED, S.WITHDRAWAL_REQUESTED): Transition(
        by=RESIDENT_OR_STAFF,
        permission=PROCESS,
        label=_("Ghi nhận yêu cầu rút hồ sơ"),
        note_required_at_desk=True,
        note_label=_("Lý do công dân rút hồ sơ"),
    ),
    # A payment that settles the obligation (payments.services, actor None: the resident's
    # own payment) restarts processing, as an officer may by hand.
    (S.FINANCIAL_OBLIGATION, S.PROCESSING): Transition(
        by=RESIDENT_OR_STAFF,
        permission=PROCESS,
        label=_("Chuyển xử lý"),
        clock=Clock.RESUME,
    ),
    (S.FINANCIAL_OBLIGATION, S.STOPPED): Transition(
        by=STAFF_ONLY,
        permission=PROCESS,
        label=_("Dừng xử lý"),
        needs_public_note=True,
        note_label=_("Lý do dừng xử lý"),
        prints=PrintForm.STOP_NOTICE,
    ),
    (S.FINANCIAL_OBLIGATION, S.WITHDRAWAL_REQUESTED): Transition(
        by=RESIDENT_OR_STAFF,
        permission=PROCESS,
        label=_("Ghi nhận yêu cầu rút hồ sơ"),
        note_required_at_desk=True,
        note_label=_("Lý do công dân rút hồ sơ"),
    ),
    (S.WITHDRAWAL_REQUESTED, S.STOPPED): Transition(
        by=STAFF_ONLY,
        permission=PROCESS,
        label=_("Dừng xử lý"),
        note_label=_("Lý do dừng xử lý"),
        prints=PrintForm.STOP_NOTICE,
    ),
    # The desk hands the result over; the resident's first download of a result he chose to
    # receive online is its delivery too (results.services.record_download).
    (S.DONE, S.RETURNED): Transition(
        by=RESIDENT_OR_STAFF,
        permission=RECEIVE,
        label=_("Đã trả kết quả"),
    ),
}

INPUT_NAMES = frozenset(name for rule in TRANSITIONS.values() for name in rule.needs)


def allowed_targets(status, *, by=STAFF):
    """Statuses reachable from `status` by `by` (the admin offers only these)."""
    return [to for (frm, to), t in TRANSITIONS.items() if frm == status and by in t.by]


def entered_by(*, clock=None, prints=None):
    """The statuses some move enters with this clock effect or printing this form."""
    return frozenset(
        to
        for (_frm, to), t in TRANSITIONS.items()
        if (clock is None or t.clock == clock) and (prints is None or t.prints == prints)
    )
