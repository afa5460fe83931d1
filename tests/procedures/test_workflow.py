"""The workflow table: one test per allowed and per forbidden transition, and its invariants."""

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from portal.records import AppendOnlyError
from procedures.constants import DossierStatus as S
from procedures.models import Dossier, DossierEvent, StatusChangeRefused
from procedures.workflow import (
    RESIDENT,
    STAFF,
    TRANSITIONS,
    TransitionRefused,
    allowed_targets,
    dossier_transition,
)
from tests.procedures.factories import DossierFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")

# The allowed moves, written out here independently of procedures.workflow.TRANSITIONS (a row
# added to or dropped from the product's table must fail a test): (from, to) -> who may.
EXPECTED = {
    (S.NEW, S.ACCEPTED): {STAFF},
    (S.NEW, S.REFUSED): {STAFF},
    (S.NEW, S.SUPPLEMENT_REQUESTED): {STAFF},
    (S.NEW, S.WITHDRAWAL_REQUESTED): {RESIDENT, STAFF},
    (S.ACCEPTED, S.PROCESSING): {STAFF},
    (S.ACCEPTED, S.WITHDRAWAL_REQUESTED): {RESIDENT, STAFF},
    (S.PROCESSING, S.SUPPLEMENT_REQUESTED): {STAFF},
    (S.PROCESSING, S.FINANCIAL_OBLIGATION): {STAFF},
    (S.PROCESSING, S.STOPPED): {STAFF},
    (S.PROCESSING, S.DONE): {STAFF},
    (S.PROCESSING, S.WITHDRAWAL_REQUESTED): {RESIDENT, STAFF},
    (S.SUPPLEMENT_REQUESTED, S.PROCESSING): {RESIDENT, STAFF},
    (S.SUPPLEMENT_REQUESTED, S.STOPPED): {STAFF},
    (S.SUPPLEMENT_REQUESTED, S.WITHDRAWAL_REQUESTED): {RESIDENT, STAFF},
    (S.FINANCIAL_OBLIGATION, S.PROCESSING): {RESIDENT, STAFF},  # a confirmed payment (payments)
    (S.FINANCIAL_OBLIGATION, S.STOPPED): {STAFF},
    (S.FINANCIAL_OBLIGATION, S.WITHDRAWAL_REQUESTED): {RESIDENT, STAFF},
    (S.WITHDRAWAL_REQUESTED, S.STOPPED): {STAFF},
    (S.DONE, S.RETURNED): {RESIDENT, STAFF},  # the first electronic download (results)
}
ALL_PAIRS = [(a, b) for a, b in itertools.product(S, S) if a != b]
ALLOWED = sorted(EXPECTED)
FORBIDDEN = [pair for pair in ALL_PAIRS if pair not in EXPECTED]
STAFF_ONLY = [pair for pair in ALLOWED if EXPECTED[pair] == {STAFF}]


@pytest.fixture
def staff(db):
    # A superuser: roles and fields are tested in tests/staff (issue 6).
    return get_user_model().objects.create(username="tiepnhan", is_staff=True, is_superuser=True)


def _path(target):
    """The shortest list of moves from NEW to `target` in the expected table."""
    paths = {S.NEW: []}
    queue = [S.NEW]
    for frm in queue:  # breadth first: the queue grows while it is walked
        for a, to in EXPECTED:
            if a == frm and to not in paths:
                paths[to] = [*paths[frm], to]
                queue.append(to)
    return paths[target]


def dossier_in(status):
    """A dossier brought to `status` through the workflow service, by the shortest path."""
    dossier = DossierFactory(email="an@example.com")
    walker, _created = get_user_model().objects.get_or_create(
        username="setup", defaults={"is_staff": True, "is_superuser": True}
    )
    for to in _path(status):
        dossier_transition(
            dossier=dossier,
            to_status=to,
            actor=walker,
            public_note="Lý do rõ ràng",
            notify=False,
            **inputs_for(dossier, to),
        )
    return dossier


def test_the_table_is_exactly_the_expected_one():
    assert {pair: set(rule.by) for pair, rule in TRANSITIONS.items()} == EXPECTED


def inputs_for(dossier, to):
    if to == S.SUPPLEMENT_REQUESTED:
        return {"documents": [RequiredDocumentFactory(procedure=dossier.procedure)]}
    if to == S.FINANCIAL_OBLIGATION:
        return {"amount": 50000}
    return {}


@pytest.mark.parametrize(("frm", "to"), ALLOWED, ids=lambda s: str(int(s)))
def test_allowed_transition(frm, to, staff, django_capture_on_commit_callbacks):
    dossier = dossier_in(frm)
    by = STAFF if STAFF in EXPECTED[(frm, to)] else RESIDENT
    actor = staff if by == STAFF else None
    with django_capture_on_commit_callbacks(execute=True):
        event = dossier_transition(
            dossier=dossier,
            to_status=to,
            actor=actor,
            public_note="Lý do rõ ràng",
            **inputs_for(dossier, to),
        )
    dossier.refresh_from_db()
    assert dossier.status == to
    assert (event.from_status, event.to_status, event.actor) == (frm, to, actor)
    # Staff changes are mailed to the resident after commit; the resident's own are not.
    assert len(mail.outbox) == (1 if actor else 0)


@pytest.mark.parametrize(("frm", "to"), FORBIDDEN, ids=lambda s: str(int(s)))
def test_forbidden_transition(frm, to, staff):
    """Refused as forbidden, with every input a permitted move would need supplied."""
    dossier = dossier_in(frm)
    before = DossierEvent.objects.count()
    with pytest.raises(TransitionRefused) as refused:
        dossier_transition(
            dossier=dossier,
            to_status=to,
            actor=staff,
            public_note="Lý do rõ ràng",
            **inputs_for(dossier, to),
        )
    assert refused.value.code == "forbidden"
    dossier.refresh_from_db()
    assert dossier.status == frm
    assert DossierEvent.objects.count() == before


@pytest.mark.parametrize(("frm", "to"), STAFF_ONLY, ids=lambda s: str(int(s)))
def test_staff_only_transition_refused_to_the_resident(frm, to):
    dossier = dossier_in(frm)
    with pytest.raises(TransitionRefused) as refused:
        dossier_transition(
            dossier=dossier,
            to_status=to,
            actor=None,
            public_note="Lý do rõ ràng",
            **inputs_for(dossier, to),
        )
    assert refused.value.code == "forbidden"
    dossier.refresh_from_db()
    assert dossier.status == frm


@pytest.mark.parametrize("frm", list(S), ids=lambda s: str(int(s)))
def test_allowed_targets_follow_the_table(frm):
    for by in (STAFF, RESIDENT):
        expected = [to for (a, to), who in EXPECTED.items() if a == frm and by in who]
        assert sorted(allowed_targets(frm, by=by)) == sorted(expected)


def test_refusal_needs_a_reason(staff):
    dossier = dossier_in(S.NEW)
    with pytest.raises(TransitionRefused) as refused:
        dossier_transition(dossier=dossier, to_status=S.REFUSED, actor=staff, public_note="  ")
    assert refused.value.code == "note_required"


def test_supplement_request_lists_the_documents(staff):
    dossier = dossier_in(S.PROCESSING)
    with pytest.raises(TransitionRefused) as refused:
        dossier_transition(
            dossier=dossier,
            to_status=S.SUPPLEMENT_REQUESTED,
            actor=staff,
            public_note="Thiếu giấy tờ",
        )
    assert refused.value.code == "input"
    doc = RequiredDocumentFactory(procedure=dossier.procedure)
    dossier_transition(
        dossier=dossier,
        to_status=S.SUPPLEMENT_REQUESTED,
        actor=staff,
        public_note="Thiếu giấy tờ",
        documents=[doc],
    )
    request = dossier.supplement_requests.get()
    assert list(request.documents.all()) == [doc]
    # Who asked, and the history row that asked (the tracking page reads it from there).
    assert request.requested_by == staff and request.note == "Thiếu giấy tờ"
    assert request.event == dossier.events.latest("pk")


def test_a_supplement_request_refuses_what_is_not_a_document_of_the_procedure(staff):
    """Another procedure's document, or something that is no document at all (a bare
    primary key from a hand-written call): refused with the officer's message, not a
    crash."""
    dossier = dossier_in(S.PROCESSING)
    other = RequiredDocumentFactory()
    for documents in ([other], [RequiredDocumentFactory(procedure=dossier.procedure).pk]):
        with pytest.raises(TransitionRefused) as refused:
            dossier_transition(
                dossier=dossier,
                to_status=S.SUPPLEMENT_REQUESTED,
                actor=staff,
                public_note="Thiếu giấy tờ",
                documents=documents,
            )
        assert refused.value.code == "documents"
        assert "Chỉ chọn giấy tờ thuộc thành phần hồ sơ của thủ tục này." in str(refused.value)
    assert not dossier.supplement_requests.exists()


@pytest.mark.parametrize(
    ("accepted", "due"),
    [
        # Friday morning + 3 working days: the weekend does not count.
        ((2026, 11, 27, 9, 0), (2026, 12, 2)),
        # Friday after closing time counts as received on Monday.
        ((2026, 11, 27, 17, 30), (2026, 12, 3)),
        # Saturday evening: received on Monday.
        ((2026, 12, 12, 19, 30), (2026, 12, 17)),
        # The eve of New Year's Day: received on Monday 4/1, 1/1 is a holiday.
        ((2026, 12, 31, 23, 59), (2027, 1, 7)),
    ],
)
def test_accept_records_time_and_due_date(staff, clock, accepted, due):
    clock.now = datetime.datetime(*accepted, tzinfo=VN)
    dossier = dossier_in(S.NEW)  # processing_days = 3
    dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=staff)
    dossier.refresh_from_db()
    assert dossier.accepted_at == clock.now
    assert dossier.due_date == datetime.date(*due)
    assert timezone.localtime(dossier.due_at) == datetime.datetime(*due, 17, 0, tzinfo=VN)


def test_unknown_inputs_are_refused(staff):
    """A misspelt keyword must not be swallowed silently."""
    dossier = dossier_in(S.NEW)
    with pytest.raises(TypeError, match=r"unexpected inputs: \['due_date'\]"):
        dossier_transition(
            dossier=dossier, to_status=S.ACCEPTED, actor=staff, due_date=datetime.date(2026, 3, 2)
        )
    assert Dossier.objects.get(pk=dossier.pk).status == S.NEW


def test_model_refuses_a_status_change_outside_the_service():
    dossier = dossier_in(S.NEW)
    dossier.status = S.RETURNED
    with pytest.raises(StatusChangeRefused):
        dossier.save()
    with pytest.raises(StatusChangeRefused):
        Dossier.objects.filter(pk=dossier.pk).update(status=S.RETURNED)
    fresh = Dossier.objects.get(pk=dossier.pk)
    assert fresh.status == S.NEW
    fresh.street = "Số 2"
    fresh.save()  # other fields may change
    fresh.refresh_from_db()
    assert (fresh.street, fresh.status) == ("Số 2", S.NEW)


def test_new_dossier_must_start_as_new():
    with pytest.raises(StatusChangeRefused):
        DossierFactory(status=S.DONE)


def test_history_is_append_only():
    dossier = DossierFactory()
    event = dossier.events.get()
    event.public_note = "sửa"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        DossierEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        DossierEvent.objects.update(public_note="x")


def test_nothing_is_sent_when_the_change_rolls_back(staff, django_capture_on_commit_callbacks):
    from django.db import transaction

    dossier = dossier_in(S.NEW)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=staff)
            raise RuntimeError("boom")
    assert callbacks == [] and mail.outbox == []
    dossier.refresh_from_db()
    assert dossier.status == S.NEW and dossier.events.count() == 1


def test_the_result_is_recorded_as_returned_when_it_is_handed_over(staff, clock):
    """returned_at (the register's 'ngày trả kết quả') is set by the move to 'Đã trả kết
    quả', at its moment, and by no other move."""
    dossier = DossierFactory()
    for status in [S.ACCEPTED, S.PROCESSING, S.DONE]:
        clock.advance(hours=1)
        dossier_transition(dossier=dossier, to_status=status, actor=staff)
        dossier.refresh_from_db()
        assert dossier.returned_at is None, status
    clock.advance(hours=1)
    dossier_transition(dossier=dossier, to_status=S.RETURNED, actor=staff)
    dossier.refresh_from_db()
    assert dossier.returned_at == clock.now


def test_a_move_does_not_revalidate_the_rows_it_points_to(staff, django_assert_num_queries):
    """dossier_transition validates the dossier's own fields before saving, but not its
    procedure, province, ward or assigned officer, which a move never changes: validating
    a foreign key reads the row it points to (four queries for nothing on every move)."""
    dossier = DossierFactory(status_path=[S.ACCEPTED])
    dossier.assigned_to = staff
    dossier.save()
    dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=staff)  # warm caches
    dossier.refresh_from_db()
    # Savepoint, the dossier locked, its procedure (time limit), its history (days used),
    # the update, the history row, the audit entry, release.
    with django_assert_num_queries(8) as ctx:
        dossier_transition(dossier=dossier, to_status=S.DONE, actor=staff)
    pointed = ['FROM "procedures_province"', 'FROM "procedures_ward"', 'FROM "auth_user"']
    assert not [q["sql"] for q in ctx.captured_queries if any(p in q["sql"] for p in pointed)]
