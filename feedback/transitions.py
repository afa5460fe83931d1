"""The table of allowed moves of a report: one row per move, everything about the move.

A row says who may make the move (the sender online, staff with a permission), the inputs
it needs, what it does to the answer's working-day clock and whether it publishes the
answer. `feedback.services.feedback_transition` reads the row; the admin's buttons and
forms read it too. Anything not in the table is forbidden.
"""

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from feedback.constants import FeedbackStatus as S

PROCESS = "feedback.process_feedback"
APPROVE = "feedback.approve_feedback"


class Clock(enum.Enum):
    UNCHANGED = "unchanged"
    # The office waits for the sender: the clock stops until the move back.
    PAUSE = "pause"
    # Back from a pause: the deadline moves later by the working time paused.
    RESUME = "resume"
    # A reopened report is looked at again: a new period from now.
    RESTART = "restart"


@dataclass(frozen=True, kw_only=True)
class Transition:
    label: str  # the admin's button and the form's heading
    permission: str = ""  # what a staff member needs ("" : staff may not make it)
    by_sender: bool = False  # the sender may make it from the tracking page
    needs: tuple = ()  # inputs that must not be empty
    clock: Clock = Clock.UNCHANGED
    publishes: bool = False  # the answer is sent, and made public if the sender agreed


_REFUSE = Transition(
    label=_("Không xử lý"), permission=PROCESS, needs=("refusal_reason", "public_note")
)
_MERGE = Transition(label=_("Gộp vào phản ánh trùng"), permission=PROCESS, needs=("merged_into",))

TRANSITIONS = {
    (S.RECEIVED, S.PROCESSING): Transition(label=_("Nhận xử lý"), permission=PROCESS),
    (S.RECEIVED, S.REFUSED): _REFUSE,
    (S.RECEIVED, S.MERGED): _MERGE,
    (S.PROCESSING, S.INFO_REQUESTED): Transition(
        label=_("Đề nghị người gửi bổ sung thông tin"),
        permission=PROCESS,
        needs=("public_note",),
        clock=Clock.PAUSE,
    ),
    (S.INFO_REQUESTED, S.PROCESSING): Transition(
        label=_("Tiếp tục xử lý"),
        permission=PROCESS,
        by_sender=True,
        clock=Clock.RESUME,
    ),
    (S.PROCESSING, S.AWAITING_APPROVAL): Transition(
        label=_("Trình lãnh đạo duyệt trả lời"),
        permission=PROCESS,
        needs=("answer", "answering_body"),
    ),
    (S.PROCESSING, S.REFUSED): _REFUSE,
    (S.PROCESSING, S.MERGED): _MERGE,
    (S.AWAITING_APPROVAL, S.ANSWERED): Transition(
        label=_("Duyệt và gửi trả lời"), permission=APPROVE, publishes=True
    ),
    (S.AWAITING_APPROVAL, S.PROCESSING): Transition(
        label=_("Trả lại để sửa trả lời"), permission=APPROVE, needs=("internal_note",)
    ),
    # The sender says the answer did not resolve the problem: a leader looks again.
    (S.ANSWERED, S.REOPENED): Transition(
        label=_("Người gửi chưa hài lòng với trả lời"), by_sender=True, clock=Clock.RESTART
    ),
    (S.REOPENED, S.PROCESSING): Transition(
        label=_("Giao xử lý lại"), permission=APPROVE, needs=("internal_note",)
    ),
    (S.REOPENED, S.ANSWERED): Transition(
        label=_("Giữ nguyên trả lời"), permission=APPROVE, needs=("public_note",)
    ),
}

# What a move may be given besides the report; `needs` may also name the report's own
# answer fields ("answer", "answering_body"), filled in the admin before the move.
INPUT_NAMES = frozenset(
    {"public_note", "internal_note", "sender_note", "refusal_reason", "forwarded_to", "merged_into"}
)


def allowed_targets(status, user):
    """The moves a staff member may make from `status`, as (to_status, Transition)."""
    return [
        (to, rule)
        for (frm, to), rule in TRANSITIONS.items()
        if frm == status and rule.permission and user.has_perm(rule.permission)
    ]
