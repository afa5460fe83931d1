"""The workflow table: one test per allowed and per forbidden transition, and its invariants."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from portal.constants import DossierStatus as S
from portal.models import Dossier, DossierEvent, StatusChangeRefused
from portal.models.base import AppendOnlyError
from portal.workflow import (
    RESIDENT,
    STAFF,
    TRANSITIONS,
    TransitionRefused,
    allowed_targets,
    dossier_transition,
)

from .factories import DossierFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db

ALL_PAIRS = [(a, b) for a, b in itertools.product(S, S) if a != b]
ALLOWED = sorted(TRANSITIONS)
FORBIDDEN = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS]


@pytest.fixture
def staff(db):
    # A superuser: roles and fields are tested in tests/staff (issue 6).
    return get_user_model().objects.create(username="tiepnhan", is_staff=True, is_superuser=True)


def dossier_in(status):
    """A dossier placed in `status` directly (setup only, bypassing the table on purpose)."""
    dossier = DossierFactory(email="an@example.com")
    dossier.status = status
    dossier._status_change_allowed = True
    dossier.save()
    dossier._status_change_allowed = False
    return dossier


def inputs_for(dossier, to):
    if to == S.SUPPLEMENT_REQUESTED:
        return {"documents": [RequiredDocumentFactory(procedure=dossier.procedure)]}
    if to == S.FINANCIAL_OBLIGATION:
        return {"amount": 50000}
    return {}


@pytest.mark.parametrize(("frm", "to"), ALLOWED, ids=lambda s: str(int(s)))
def test_allowed_transition(frm, to, staff, django_capture_on_commit_callbacks):
    dossier = dossier_in(frm)
    by = STAFF if STAFF in TRANSITIONS[(frm, to)].by else RESIDENT
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
    dossier = dossier_in(frm)
    before = DossierEvent.objects.count()
    with pytest.raises(TransitionRefused):
        dossier_transition(
            dossier=dossier, to_status=to, actor=staff, public_note="x", documents=[1], amount=1
        )
    dossier.refresh_from_db()
    assert dossier.status == frm and DossierEvent.objects.count() == before


def test_resident_cannot_do_staff_transitions():
    dossier = dossier_in(S.NEW)
    with pytest.raises(TransitionRefused):
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=None)
    assert allowed_targets(S.NEW, by=RESIDENT) == [S.WITHDRAWAL_REQUESTED]


def test_refusal_needs_a_reason(staff):
    dossier = dossier_in(S.NEW)
    with pytest.raises(TransitionRefused):
        dossier_transition(dossier=dossier, to_status=S.REFUSED, actor=staff, public_note="  ")


def test_supplement_request_lists_the_documents(staff):
    dossier = dossier_in(S.PROCESSING)
    with pytest.raises(TransitionRefused):
        dossier_transition(
            dossier=dossier,
            to_status=S.SUPPLEMENT_REQUESTED,
            actor=staff,
            public_note="Thiếu giấy tờ",
        )
    doc = RequiredDocumentFactory(procedure=dossier.procedure)
    dossier_transition(
        dossier=dossier,
        to_status=S.SUPPLEMENT_REQUESTED,
        actor=staff,
        public_note="Thiếu giấy tờ",
        documents=[doc],
    )
    assert list(dossier.supplement_requests.get().documents.all()) == [doc]


def test_accept_records_time_and_due_date(staff):
    import datetime

    dossier = dossier_in(S.NEW)
    dossier_transition(
        dossier=dossier, to_status=S.ACCEPTED, actor=staff, due_date=datetime.date(2026, 12, 3)
    )
    dossier.refresh_from_db()
    assert dossier.accepted_at and dossier.due_date == datetime.date(2026, 12, 3)


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
