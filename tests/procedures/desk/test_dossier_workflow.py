"""The staff rules on top of the workflow table: roles and fields, the working-day clock,
"guide once", the apology rule, audit entries and notifications after commit only."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from notifications.models import Notification
from procedures.constants import DossierStatus as S
from procedures.constants import DueChangeKind, Timeliness
from procedures.desk.services import dossier_apologise, dossier_assign
from procedures.models import CalendarDayKind, CalendarOverride, DueDateChange
from procedures.workflow import TransitionRefused, dossier_transition
from staff import roles
from staff.models import AuditEntry
from tests.procedures.factories import DossierFactory, RequiredDocumentFactory
from tests.staff.fixtures import at, make_staff

pytestmark = pytest.mark.django_db


def new_dossier(procedure, **kwargs):
    return DossierFactory(procedure=procedure, email="an@example.com", **kwargs)


def refused_code(**kwargs):
    with pytest.raises(TransitionRefused) as info:
        dossier_transition(**kwargs)
    return info.value.code


class TestRoles:
    def test_groups_exist_with_their_permissions(self):
        perms = {
            name: set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
            for name in roles.ROLE_NAMES
        }

        def actions(codenames):  # what the role may do, beyond reading
            return {c for c in codenames if not c.startswith("view_") or c == "view_all_fields"}

        # Every desk role handles residents' reports too (feedback app); only a leader
        # approves and publishes an answer, and configures the topics.
        feedback = {"process_feedback", "change_feedback", "change_feedbackphoto"}
        # Reception and leaders take cash at the desk and export the day's payments.
        payments = {"record_cash_payment", "export_reconciliation"}
        # Reception and leaders keep the desk appointments' day list (arrivals).
        appointments = {"change_appointment"}
        # Leaders (and editors) keep the citizen-reception schedule.
        reception_schedule = {
            f"{action}_{model}"
            for action in ("add", "change", "delete")
            for model in ("receptionsession", "receptionchange")
        }
        assert actions(perms[roles.RECEPTION]) == {
            "receive_dossier",
            "assign_dossier",
            "export_register",
            *feedback,
            *payments,
            *appointments,
        }
        assert actions(perms[roles.OFFICER]) == {"process_dossier", "issue_apology", *feedback}
        assert actions(perms[roles.LEADER]) == {
            *feedback,
            *payments,
            *appointments,
            *reception_schedule,
            "add_fieldcapacity",
            "change_fieldcapacity",
            "approve_feedback",
            "add_topic",
            "change_topic",
            "receive_dossier",
            "process_dossier",
            "assign_dossier",
            "export_register",
            "issue_apology",
            "approve_second_supplement",
            "view_all_fields",
            "add_calendaroverride",
            "change_calendaroverride",
            "delete_calendaroverride",
            "add_staffprofile",
            "change_staffprofile",
        }
        assert "view_auditentry" in perms[roles.LEADER]
        assert "view_auditentry" not in perms[roles.RECEPTION] | perms[roles.OFFICER]

    def test_sync_is_idempotent(self):
        before = {g.name: g.permissions.count() for g in Group.objects.all()}
        assert set(before) == set(roles.ROLE_NAMES)
        roles.sync_roles()
        roles.sync_roles()
        assert {g.name: g.permissions.count() for g in Group.objects.all()} == before


class TestWhoMayAct:
    def test_reception_accepts_in_its_field(self, procedure_a, reception, clock):
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
        assert dossier.status == S.ACCEPTED

    def test_officer_cannot_accept(self, procedure_a, officer):
        dossier = new_dossier(procedure_a)
        code = refused_code(dossier=dossier, to_status=S.ACCEPTED, actor=officer)
        assert code == "permission"

    def test_officer_of_another_field_cannot_process(self, procedure_a, other_officer, leader):
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=leader)
        code = refused_code(dossier=dossier, to_status=S.PROCESSING, actor=other_officer)
        assert code == "permission"

    def test_officer_assigned_by_name_may_process(self, procedure_a, other_officer, leader):
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=leader)
        # A leader sees all fields, so may assign across fields only to someone who handles it.
        with pytest.raises(ValidationError) as info:
            dossier_assign(dossier=dossier, actor=leader, officer=other_officer)
        assert info.value.message_dict == {
            "officer": ["Cán bộ này không phụ trách lĩnh vực của hồ sơ."]
        }
        dossier.assigned_to = other_officer
        dossier.save(update_fields=["assigned_to"])
        dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=other_officer)
        assert dossier.status == S.PROCESSING

    def test_leader_may_do_every_step(self, procedure_a, leader, clock):
        dossier = new_dossier(procedure_a)
        for status in (S.ACCEPTED, S.PROCESSING, S.DONE, S.RETURNED):
            dossier_transition(dossier=dossier, to_status=status, actor=leader)
        assert dossier.status == S.RETURNED

    def test_staff_without_role_cannot_act(self, procedure_a):
        from tests.staff.factories import UserFactory

        nobody = UserFactory(staff=True)
        code = refused_code(dossier=new_dossier(procedure_a), to_status=S.ACCEPTED, actor=nobody)
        assert code == "permission"

    def test_assignment_is_audited(self, procedure_a, reception, officer):
        dossier = new_dossier(procedure_a)
        dossier_assign(dossier=dossier, actor=reception, officer=officer)
        dossier.refresh_from_db()
        assert dossier.assigned_to == officer
        entry = AuditEntry.objects.for_object(dossier).get(action="assign")
        assert (entry.actor, entry.details) == (reception, {"officer": officer.get_username()})

    def test_officer_cannot_assign(self, procedure_a, officer):
        dossier = new_dossier(procedure_a)
        with pytest.raises(ValidationError, match="không có quyền") as info:
            dossier_assign(dossier=dossier, actor=officer, officer=officer)
        assert info.value.code == "permission"
        dossier.refresh_from_db()
        assert dossier.assigned_to is None


class TestClock:
    def test_accept_sets_due_across_tet_and_a_make_up_day(self, procedure_a, reception, clock):
        # Thursday 12/2/2026, 3 working days: Friday 13/2, then Tết (14–22/2) ...
        CalendarOverride.objects.create(
            date=dt.date(2026, 2, 14), kind=CalendarDayKind.WORKING_DAY, reason="Làm bù (thử)"
        )
        clock.now = at(2026, 2, 12, 10)
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
        dossier.refresh_from_db()
        # ... with Saturday 14/2 worked as a make-up day, the third day is Monday 23/2.
        assert dossier.due_at == at(2026, 2, 23, 17)
        assert dossier.due_date == dt.date(2026, 2, 23)
        assert dossier.legal_due_at == dossier.due_at
        change = DueDateChange.objects.get(dossier=dossier)
        assert (change.kind, change.old_due_at, change.new_due_at) == (
            DueChangeKind.ACCEPTED,
            None,
            at(2026, 2, 23, 17),
        )

    def test_accept_without_make_up_day(self, procedure_a, reception, clock):
        clock.now = at(2026, 2, 12, 10)
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
        assert dossier.due_at == at(2026, 2, 24, 17)

    def test_clock_stops_while_waiting_for_the_resident(
        self, procedure_a, reception, officer, clock
    ):
        clock.now = at(2026, 3, 2, 8)  # Monday
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
        assert dossier.due_at == at(2026, 3, 5, 17)  # Thursday
        dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=officer)
        clock.now = at(2026, 3, 3, 9)  # Tuesday 09:00: ask for a document
        doc = RequiredDocumentFactory(procedure=procedure_a)
        dossier_transition(
            dossier=dossier,
            to_status=S.SUPPLEMENT_REQUESTED,
            actor=officer,
            public_note="Thiếu bản sao giấy khai sinh.",
            documents=[doc],
        )
        clock.now = at(2026, 3, 4, 9)  # the resident uploads a day (7.5 office hours) later
        dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=None)
        dossier.refresh_from_db()
        # Due moved by exactly one office day: Friday 6/3 at closing time.
        assert dossier.due_at == at(2026, 3, 6, 17)
        assert dossier.legal_due_at == dossier.due_at
        resumed = DueDateChange.objects.get(dossier=dossier, kind=DueChangeKind.RESUMED)
        assert (resumed.old_due_at, resumed.new_due_at) == (at(2026, 3, 5, 17), at(2026, 3, 6, 17))
        # Same answer as the calendar's own rule with the pause from the history.
        from procedures import workdays

        assert dossier.due_at == workdays.due_at(
            dossier.accepted_at, 3, [(at(2026, 3, 3, 9), at(2026, 3, 4, 9))]
        )
        # The paused day is not counted as used.
        clock.now = at(2026, 3, 5, 17)
        dossier_transition(dossier=dossier, to_status=S.DONE, actor=officer)
        dossier.refresh_from_db()
        assert dossier.timeliness == Timeliness.EARLY
        assert float(dossier.working_days_used) == pytest.approx(
            workdays.working_days_between(
                at(2026, 3, 2, 8), at(2026, 3, 5, 17), [(at(2026, 3, 3, 9), at(2026, 3, 4, 9))]
            ),
            abs=0.01,
        )

    def test_supplement_at_the_desk_starts_the_clock_on_upload(self, procedure_a, reception, clock):
        clock.now = at(2026, 3, 2, 8)
        dossier = new_dossier(procedure_a)
        doc = RequiredDocumentFactory(procedure=procedure_a)
        dossier_transition(
            dossier=dossier,
            to_status=S.SUPPLEMENT_REQUESTED,
            actor=reception,
            public_note="Thiếu tờ khai.",
            documents=[doc],
        )
        assert dossier.due_at is None
        clock.now = at(2026, 3, 9, 10)
        dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=None)
        assert dossier.accepted_at == at(2026, 3, 9, 10)
        assert dossier.due_at == at(2026, 3, 12, 17)

    @pytest.mark.parametrize(
        ("finished", "expected"),
        [
            (at(2026, 3, 4, 16), Timeliness.EARLY),
            (at(2026, 3, 5, 16), Timeliness.ON_TIME),
            (at(2026, 3, 6, 8), Timeliness.LATE),
        ],
    )
    def test_timeliness(self, procedure_a, leader, clock, finished, expected):
        clock.now = at(2026, 3, 2, 8)
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=leader)
        dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=leader)
        if expected == Timeliness.LATE:
            clock.now = at(2026, 3, 5, 16)
            dossier_apologise(
                dossier=dossier, actor=leader, new_due_at=at(2026, 3, 9, 17), reason="Chờ xác minh"
            )
        clock.now = finished
        dossier_transition(dossier=dossier, to_status=S.DONE, actor=leader)
        assert dossier.timeliness == expected


class TestGuideOnce:
    def _request(self, dossier, actor, procedure):
        return dossier_transition(
            dossier=dossier,
            to_status=S.SUPPLEMENT_REQUESTED,
            actor=actor,
            public_note="Bổ sung bản sao.",
            documents=[RequiredDocumentFactory(procedure=procedure)],
        )

    def test_second_request_needs_a_leader(self, procedure_a, leader, officer, clock):
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=leader)
        dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=officer)
        self._request(dossier, officer, procedure_a)
        dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=None)
        with pytest.raises(TransitionRefused) as info:
            self._request(dossier, officer, procedure_a)
        assert info.value.code == "guide_once"
        self._request(dossier, leader, procedure_a)
        assert dossier.supplement_requests.count() == 2

    def test_only_the_procedures_documents(self, procedure_a, leader, clock):
        dossier = new_dossier(procedure_a)
        code = refused_code(
            dossier=dossier,
            to_status=S.SUPPLEMENT_REQUESTED,
            actor=leader,
            public_note="x",
            documents=[RequiredDocumentFactory()],
        )
        assert code == "documents"

    def test_obligation_needs_a_positive_amount(self, procedure_a, leader, clock):
        dossier = new_dossier(procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
        code = refused_code(
            dossier=dossier, to_status=S.FINANCIAL_OBLIGATION, actor=leader, amount=-5
        )
        assert code == "amount"
        dossier_transition(
            dossier=dossier, to_status=S.FINANCIAL_OBLIGATION, actor=leader, amount=120000
        )
        assert dossier.obligation_amount == 120000


class TestApology:
    def _overdue(self, procedure, leader, clock):
        clock.now = at(2026, 3, 2, 8)
        dossier = new_dossier(procedure)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=leader)
        dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=leader)
        clock.now = at(2026, 3, 6, 9)  # due Thursday 5/3 17:00
        return dossier

    def test_overdue_dossier_needs_an_apology_first(self, procedure_a, leader, officer, clock):
        dossier = self._overdue(procedure_a, leader, clock)
        assert refused_code(dossier=dossier, to_status=S.DONE, actor=officer) == "apology_required"
        mail.outbox.clear()
        apology = dossier_apologise(
            dossier=dossier,
            actor=officer,
            new_due_at=at(2026, 3, 10, 17),
            reason="Chờ kết quả xác minh của cơ quan khác.",
        )
        assert dossier.due_at == at(2026, 3, 10, 17)
        assert dossier.legal_due_at == at(2026, 3, 5, 17)  # statistics still see it late
        assert apology.old_due_at == at(2026, 3, 5, 17)
        change = DueDateChange.objects.get(apology=apology, kind=DueChangeKind.APOLOGY)
        assert (change.old_due_at, change.new_due_at) == (at(2026, 3, 5, 17), at(2026, 3, 10, 17))
        note = Notification.objects.get(template="procedures/notifications/dossier_apology")
        assert "10/03/2026" in note.body_text and "xác minh" in note.body_text
        dossier_transition(dossier=dossier, to_status=S.DONE, actor=officer)
        assert dossier.timeliness == Timeliness.LATE

    def test_stop_needs_no_apology(self, procedure_a, leader, clock):
        dossier = self._overdue(procedure_a, leader, clock)
        dossier_transition(dossier=dossier, to_status=S.STOPPED, actor=leader, public_note="Dừng")
        dossier.refresh_from_db()
        assert dossier.status == S.STOPPED
        assert not dossier.apologies.exists()

    def test_apology_needs_reason_and_later_date(self, procedure_a, leader, clock):
        dossier = self._overdue(procedure_a, leader, clock)
        with pytest.raises(ValidationError) as info:
            dossier_apologise(
                dossier=dossier, actor=leader, new_due_at=at(2026, 3, 6, 8), reason=""
            )
        assert info.value.message_dict == {
            "reason": ["Ghi rõ lý do chậm trả kết quả."],
            "new_due_at": ["Ngày hẹn mới phải sau ngày hẹn hiện tại và sau hôm nay."],
        }

    def test_other_field_cannot_apologise(self, procedure_a, leader, other_officer, clock):
        dossier = self._overdue(procedure_a, leader, clock)
        with pytest.raises(ValidationError, match="không có quyền") as info:
            dossier_apologise(
                dossier=dossier, actor=other_officer, new_due_at=at(2026, 3, 10, 17), reason="x"
            )
        assert info.value.code == "permission"


class TestSideEffects:
    def test_transition_is_audited(self, procedure_a, reception, clock):
        dossier = new_dossier(procedure_a)
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
        entry = AuditEntry.objects.for_object(dossier).get(action="transition")
        assert entry.actor == reception
        assert entry.details == {"from_status": 1, "to_status": 2}

    def test_email_after_commit_with_the_due_date(
        self, procedure_a, reception, clock, django_capture_on_commit_callbacks
    ):
        dossier = new_dossier(procedure_a)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
            assert mail.outbox == []  # nothing leaves before the commit
        for callback in callbacks:
            callback()
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["an@example.com"]
        assert "Được tiếp nhận" in message.subject
        assert "17/02/2026" not in message.body and "24/02/2026" in message.body
        assert message.alternatives[0].mimetype == "text/html"
        assert "/tra-cuu/" in message.body

    def test_rolled_back_change_sends_nothing(
        self, procedure_a, reception, clock, django_capture_on_commit_callbacks
    ):
        dossier = new_dossier(procedure_a)
        with django_capture_on_commit_callbacks(execute=True):
            with pytest.raises(RuntimeError), transaction.atomic():
                dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
                raise RuntimeError("database trouble after the change")
        assert mail.outbox == []
        assert not Notification.objects.exists()
        dossier.refresh_from_db()
        assert dossier.status == S.NEW and dossier.due_at is None
        assert not DueDateChange.objects.exists()

    def test_sms_when_configured(
        self, procedure_a, reception, clock, settings, django_capture_on_commit_callbacks
    ):
        from notifications import sms

        settings.DOSSIER_SMS_NOTIFICATIONS = True
        settings.SMS_BACKEND = "notifications.sms.LocmemSmsBackend"
        sms.outbox.clear()
        dossier = new_dossier(procedure_a)
        with django_capture_on_commit_callbacks(execute=True):
            dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
        assert len(sms.outbox) == 1
        assert "24/02/2026" in sms.outbox[0]["text"]

    def test_no_address_no_email(self, procedure_a, reception, clock):
        dossier = DossierFactory(procedure=procedure_a, email="")
        dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=reception)
        assert not Notification.objects.exists()


def test_make_staff_helper_gives_the_profile(field_a):
    user = make_staff(roles.OFFICER, field_a)
    assert list(user.staff_profile.fields.all()) == [field_a]
