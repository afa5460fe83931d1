"""Appointments in working days: set on acceptance, moved by pauses and apologies.

The clock runs from acceptance while the dossier is with the office (statuses 2 and 4) and
stops while the office waits for the resident (5: documents, 6: financial obligation).
On return from a pause the appointment moves later by exactly the office time the pause
lasted (the rule of `procedures.workdays`); an apology (form 04) sets a new date by hand.
Every change is recorded as a `DueChange` row with its cause.

`legal_due_at` follows acceptance and pauses only: public statistics judge lateness by it,
so an apology never turns a late dossier into an on-time one.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from procedures import workdays
from procedures.constants import DossierStatus as S
from procedures.constants import DueChangeKind, Timeliness
from procedures.models import DueDateChange
from procedures.transitions import TRANSITIONS, Clock, entered_by

# The clock stops in the statuses the table's pausing moves enter.
PAUSE_STATUSES = entered_by(clock=Clock.PAUSE)
# The clock runs, and the appointment can be missed, only in these.
RUNNING_STATUSES = frozenset({S.ACCEPTED, S.PROCESSING})


def pauses(events):
    """Return [(start, end or None)] of the pause statuses, from the dossier's history."""
    result, start = [], None
    for event in events:
        entering = event.to_status in PAUSE_STATUSES
        if start is not None and not entering:
            result.append((start, event.created_at))
            start = None
        elif start is None and entering:
            start = event.created_at
    if start is not None:
        result.append((start, None))
    return result


def is_overdue(dossier, now=None):
    """Whether the dossier has passed its appointment while the office holds it."""
    now = now or timezone.now()
    return bool(dossier.due_at and S(dossier.status) in RUNNING_STATUSES and dossier.due_at < now)


def set_due(dossier, new_due_at, *, kind, actor, apology=None):
    """Change the appointment on the (locked, unsaved) dossier; return the unsaved change row."""
    change = DueDateChange(
        dossier=dossier,
        kind=kind,
        old_due_at=dossier.due_at,
        new_due_at=new_due_at,
        actor=actor,
        apology=apology,
    )
    dossier.due_at = new_due_at
    dossier.due_date = timezone.localtime(new_due_at).date()
    return change


def on_transition(dossier, from_status, to_status, now, actor):
    """Apply the clock effect of one move (its row's `clock`); return unsaved DueDateChange rows."""
    clock = TRANSITIONS[(S(from_status), S(to_status))].clock
    calendar = workdays.get_calendar()
    changes = []
    days = dossier.procedure.processing_days or 0
    # Documents asked for at the desk, before acceptance: the complete supplement is the
    # receipt, and the clock starts then.
    if clock == Clock.START or (clock == Clock.RESUME and dossier.accepted_at is None):
        dossier.accepted_at = now
        due = calendar.due_at(now, days, cutoff=dossier.procedure.same_day_cutoff)
        changes.append(set_due(dossier, due, kind=DueChangeKind.ACCEPTED, actor=actor))
        dossier.legal_due_at = due
    elif clock == Clock.RESUME and dossier.due_at:
        started = _pause_started(dossier)
        paused = calendar.working_time(started, now) if started else None
        if paused:
            legal = dossier.legal_due_at or dossier.due_at
            change = set_due(
                dossier,
                calendar.add_working_time(dossier.due_at, paused),
                kind=DueChangeKind.RESUMED,
                actor=actor,
            )
            dossier.legal_due_at = calendar.add_working_time(legal, paused)
            changes.append(change)
    elif clock == Clock.FINISH:
        dossier.finished_at = now
        dossier.timeliness = timeliness(dossier.legal_due_at or dossier.due_at, now)
        if dossier.accepted_at:
            used = calendar.working_days_between(
                dossier.accepted_at, now, [(s, e or now) for s, e in pauses(_events(dossier))]
            )
            dossier.working_days_used = Decimal(str(used)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
    # A pause needs nothing now: its length is read from the history when it ends.
    return changes


def timeliness(due, finished):
    if due is None:
        return Timeliness.ON_TIME
    if finished > due:
        return Timeliness.LATE
    if timezone.localtime(finished).date() < timezone.localtime(due).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def _events(dossier):
    # "dossier" too: the related manager reads each row's dossier_id to link it back to
    # `dossier`, and a deferred dossier_id would cost one query per row.
    return list(
        dossier.events.order_by("created_at", "pk").only("dossier", "to_status", "created_at")
    )


def _pause_started(dossier):
    """When the current pause began: the latest event that entered the current status."""
    event = dossier.events.filter(to_status=dossier.status).order_by("-created_at", "-pk").first()
    return event.created_at if event else None


def due_state(dossier, now=None, calendar=None):
    """'overdue', 'due_24', 'due_48' or '' for the work-queue flags (working hours)."""
    if not dossier.due_at or S(dossier.status) not in RUNNING_STATUSES:
        return ""
    now = now or timezone.now()
    if dossier.due_at < now:
        return "overdue"
    calendar = calendar or workdays.get_calendar()
    hours = calendar.working_hours_left(dossier.due_at, now)
    if hours <= 24:
        return "due_24"
    if hours <= 48:
        return "due_48"
    return ""
