"""Deadline edges: the work-queue flags at their exact limits, for the moment asked."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures import deadlines, workdays
from procedures.constants import DossierStatus as S
from procedures.constants import DueChangeKind, Timeliness
from procedures.models import DueDateChange
from procedures.workflow import dossier_transition
from tests.procedures.factories import DossierFactory, RequiredDocumentFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def due_friday(procedure_a, clock):
    """A dossier in processing, due Friday 20/3 at closing time; the clock two weeks earlier."""
    clock.now = at(2026, 3, 2, 8)
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
    dossier.due_at = at(2026, 3, 20, 17)
    return dossier


@pytest.mark.parametrize(
    ("hours_left", "flag"),
    [(0, "due_24"), (24, "due_24"), (25, "due_48"), (48, "due_48"), (49, "")],
)
def test_flags_count_working_hours_up_to_the_due_moment(due_friday, hours_left, flag):
    calendar = workdays.get_calendar()
    now = calendar.subtract_working_time(due_friday.due_at, hours_left * HOUR)
    assert deadlines.due_state(due_friday, now) == flag
    assert deadlines.due_state(due_friday, now, calendar) == flag


def test_one_minute_past_the_due_moment_is_overdue(due_friday):
    after = due_friday.due_at + dt.timedelta(minutes=1)
    assert deadlines.due_state(due_friday, after) == "overdue"


def test_is_overdue_judges_the_moment_it_is_given(due_friday, clock):
    """Past the appointment means strictly after it, at the moment asked about; without
    one, now (the clock stays two weeks before the appointment here)."""
    assert not deadlines.is_overdue(due_friday, due_friday.due_at)
    assert deadlines.is_overdue(due_friday, due_friday.due_at + dt.timedelta(seconds=1))
    assert not deadlines.is_overdue(due_friday)
    clock.now = due_friday.due_at + dt.timedelta(seconds=1)
    assert deadlines.is_overdue(due_friday)


def test_without_a_moment_the_flag_is_for_now(due_friday, clock):
    assert deadlines.due_state(due_friday) == ""  # two weeks ahead
    clock.now = at(2026, 3, 20, 9)
    assert deadlines.due_state(due_friday) == "due_24"


def test_a_finished_dossier_is_never_flagged(procedure_a, clock):
    clock.now = at(2026, 3, 2, 8)
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
    clock.now = at(2026, 3, 30, 9)  # long after its appointment
    assert deadlines.due_state(dossier) == "overdue"
    dossier.status = S.DONE
    assert deadlines.due_state(dossier) == ""


def _accepted_monday(procedure, leader, clock):
    clock.now = at(2026, 3, 2, 8)  # Monday; 3 working days: due Thursday 5/3 at 17:00
    dossier = DossierFactory(procedure=procedure)
    dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=leader)
    clock.now = at(2026, 3, 2, 9)
    dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=leader)
    return dossier


def _ask_and_resume(dossier, leader, clock, *, resumed_by=None):
    """The desk asks for one more document; an office hour later the resident's upload
    (or the desk, `resumed_by`) resumes processing."""
    dossier_transition(
        dossier=dossier,
        to_status=S.SUPPLEMENT_REQUESTED,
        actor=leader,
        public_note="Bổ sung bản sao.",
        documents=[RequiredDocumentFactory(procedure=dossier.procedure)],
    )
    clock.advance(hours=1)
    dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=resumed_by)


def test_without_a_pause_every_office_hour_since_acceptance_is_used(procedure_a, leader, clock):
    dossier = _accepted_monday(procedure_a, leader, clock)
    clock.now = at(2026, 3, 4, 17)  # Wednesday evening: Monday to Wednesday, whole days
    dossier_transition(dossier=dossier, to_status=S.DONE, actor=leader)
    dossier.refresh_from_db()
    assert dossier.working_days_used == Decimal("2.93")  # 3 days less Monday 07:30-08:00


def test_finishing_records_the_moment_and_rounds_the_days_used_half_up(procedure_a, leader, clock):
    """Accepted Monday 08:00, finished Tuesday 08:56:15: 1.125 working days of 7.5 hours,
    written 1.13 (half up, as people round), and the moment it was finished."""
    dossier = _accepted_monday(procedure_a, leader, clock)
    clock.now = at(2026, 3, 3, 8, 56) + dt.timedelta(seconds=15)
    dossier_transition(dossier=dossier, to_status=S.DONE, actor=leader)
    dossier.refresh_from_db()
    assert dossier.working_days_used == Decimal("1.13")
    assert dossier.finished_at == clock.now


def test_a_pause_after_an_apology_moves_both_dates_by_the_pause(procedure_a, leader, clock):
    """The apology moved the appointment (due_at), not the legal time limit
    (legal_due_at); a later pause for a supplement moves each by its own length."""
    from procedures.desk.services import dossier_apologise

    dossier = _accepted_monday(procedure_a, leader, clock)  # due Thursday 5/3 17:00
    legal = dossier.legal_due_at
    dossier_apologise(
        dossier=dossier, actor=leader, new_due_at=at(2026, 3, 9, 17), reason="Chờ xác minh."
    )
    dossier.refresh_from_db()
    clock.now = at(2026, 3, 2, 10)
    _ask_and_resume(dossier, leader, clock)  # one office hour paused
    dossier.refresh_from_db()
    calendar = workdays.get_calendar()
    assert dossier.legal_due_at == calendar.add_working_time(legal, HOUR)
    assert dossier.due_at == calendar.add_working_time(at(2026, 3, 9, 17), HOUR)


def test_finished_at_the_due_moment_is_on_time(procedure_a, leader, clock):
    dossier = _accepted_monday(procedure_a, leader, clock)
    clock.now = dossier.due_at
    dossier_transition(dossier=dossier, to_status=S.DONE, actor=leader)
    assert dossier.timeliness == Timeliness.ON_TIME


def test_finishing_costs_the_same_queries_however_long_the_history(procedure_a, leader, clock):
    def queries_to_finish(supplements):
        dossier = _accepted_monday(procedure_a, leader, clock)
        for _ in range(supplements):
            _ask_and_resume(dossier, leader, clock)
        with CaptureQueriesContext(connection) as queries:
            dossier_transition(dossier=dossier, to_status=S.DONE, actor=leader)
        return len(queries)

    assert queries_to_finish(3) == queries_to_finish(0)


def test_each_change_of_the_appointment_names_who_made_it(procedure_a, leader, clock):
    """The dossier page lists the appointment's changes with the staff member behind each:
    acceptance by the leader here; a resumption after the resident's supplement by nobody."""
    dossier = _accepted_monday(procedure_a, leader, clock)
    _ask_and_resume(dossier, leader, clock)
    changes = DueDateChange.objects.filter(dossier=dossier).order_by("pk")
    assert [(c.kind, c.actor) for c in changes] == [
        (DueChangeKind.ACCEPTED, leader),
        (DueChangeKind.RESUMED, None),
    ]
    # Asked again, and resumed at the desk this time (the paper was brought in).
    _ask_and_resume(dossier, leader, clock, resumed_by=leader)
    last = DueDateChange.objects.filter(dossier=dossier).latest("pk")
    assert (last.kind, last.actor) == (DueChangeKind.RESUMED, leader)
