"""A procedure's own cut-off: received from that time on, it counts as received the next
working day (issue 14.16: "trong ngày; nếu sau 15 giờ thì trả trong ngày làm việc tiếp theo")."""

import datetime as dt

import pytest

from procedures.constants import DossierStatus as S
from procedures.workdays import get_calendar
from procedures.workflow import dossier_transition
from tests.procedures.factories import DossierFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

CUTOFF = dt.time(15, 0)


@pytest.mark.parametrize(
    ("accepted", "days", "cutoff", "due"),
    [
        # Thursday 12/2/2026, a same-day procedure with a 15:00 cut-off.
        (at(2026, 2, 12, 14, 59), 0, CUTOFF, at(2026, 2, 12, 17)),
        (at(2026, 2, 12, 15, 0), 0, CUTOFF, at(2026, 2, 13, 17)),  # Friday
        (at(2026, 2, 12, 16, 30), 0, CUTOFF, at(2026, 2, 13, 17)),
        # Without a cut-off, closing time (17:00) decides.
        (at(2026, 2, 12, 16, 30), 0, None, at(2026, 2, 12, 17)),
        # Friday 13/2 after 15:00: the next working day is after Tết (Monday 23/2).
        (at(2026, 2, 13, 15, 30), 0, CUTOFF, at(2026, 2, 23, 17)),
        # Two working days counted from the next working day's receipt.
        (at(2026, 3, 2, 15, 30), 2, CUTOFF, at(2026, 3, 5, 17)),  # Monday → Thursday
        (at(2026, 3, 2, 14, 0), 2, CUTOFF, at(2026, 3, 4, 17)),  # Monday → Wednesday
        # A cut-off later than closing time changes nothing.
        (at(2026, 2, 12, 17, 30), 0, dt.time(18, 0), at(2026, 2, 13, 17)),
    ],
)
def test_due_moment_with_a_cutoff(accepted, days, cutoff, due):
    assert get_calendar().due_at(accepted, days, cutoff=cutoff) == due


def test_accepting_after_the_procedures_cutoff_gives_the_next_working_day(
    procedure_a, reception, clock
):
    procedure_a.processing_days = None  # "trong ngày"
    procedure_a.same_day_cutoff = CUTOFF
    procedure_a.save()
    clock.now = at(2026, 2, 12, 15, 10)
    dossier = DossierFactory(procedure=procedure_a)
    dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
    dossier.refresh_from_db()
    assert dossier.due_at == at(2026, 2, 13, 17)
    assert dossier.due_date == dt.date(2026, 2, 13)


def test_the_module_function_passes_the_cutoff_on():
    """procedures.workdays.due_at is the calendar's due_at with every argument, the
    cut-off included: accepted at 15:30 after a 15:00 cut-off, a same-day dossier is due
    the next working day."""
    from procedures import workdays

    accepted = at(2026, 2, 12, 15, 30)
    assert workdays.due_at(accepted, 0, cutoff=CUTOFF) == at(2026, 2, 13, 17)
    assert workdays.due_at(accepted, 0) == at(2026, 2, 12, 17)
