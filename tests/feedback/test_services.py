"""Reports through the services: codes, the table of moves, the clock, publication."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from feedback import services
from feedback.constants import FeedbackStatus as S
from feedback.constants import RefusalReason
from feedback.models import Feedback, FeedbackEvent, StatusChangeRefused
from feedback.transitions import TRANSITIONS
from notifications.models import Notification
from portal import pagecache
from procedures import workdays
from tests.feedback.conftest import answer, submit

pytestmark = pytest.mark.django_db


def test_a_report_gets_a_code_a_deadline_and_its_first_event(topic, clock):
    item, _token = submit(topic)
    assert item.code.startswith("PAKN-") and item.code.endswith("-0001")
    assert item.status == S.RECEIVED
    assert item.due_at == workdays.due_at(item.submitted_at, topic.answer_days)
    assert [e.to_status for e in item.events.all()] == [S.RECEIVED]
    second, _ = submit(topic)
    assert second.code.endswith("-0002")


def test_the_same_submission_token_gives_the_same_report(topic):
    fields = {
        "topic": topic,
        "title": "Đèn đường hỏng",
        "content": "Đèn số 3 hỏng.",
        "address": "",
        "name": "Trần Thị Bình",
        "phone": "+84987654321",
        "email": "",
        "consent_publish": False,
    }
    first, created = services.submit_feedback(
        fields=fields,
        photos=[],
        submission_token="6f1c1f7e-1111-4a4a-9c9c-000000000001",
        tracking_token="abc",
    )
    again, created_again = services.submit_feedback(
        fields=fields,
        photos=[],
        submission_token="6f1c1f7e-1111-4a4a-9c9c-000000000001",
        tracking_token="def",
    )
    assert created and not created_again and again.pk == first.pk
    assert Feedback.objects.count() == 1


def test_the_receipt_mail_carries_the_secret_link(topic):
    item, token = submit(topic)
    mail = Notification.objects.get()
    assert mail.recipient == "an@example.com"
    assert token in mail.body_text and item.code in mail.subject


def test_the_status_changes_only_through_the_service(topic):
    item, _ = submit(topic)
    item.status = S.ANSWERED
    with pytest.raises(StatusChangeRefused):
        item.save()
    with pytest.raises(StatusChangeRefused):
        Feedback.objects.filter(pk=item.pk).update(status=S.ANSWERED)


def test_a_move_not_in_the_table_is_refused(topic, fb_leader):
    item, _ = submit(topic)
    assert (S.RECEIVED, S.ANSWERED) not in TRANSITIONS
    with pytest.raises(ValidationError) as exc:
        services.feedback_transition(item, S.ANSWERED, actor=fb_leader)
    assert "Không thể chuyển" in exc.value.messages[0]


def test_an_officer_cannot_approve_an_answer(topic, fb_officer):
    item, _ = submit(topic)
    services.feedback_transition(item, S.PROCESSING, actor=fb_officer)
    item.refresh_from_db()
    item.answer, item.answering_body = "Đã xử lý.", "UBND phường"
    item.save()
    services.feedback_transition(item, S.AWAITING_APPROVAL, actor=fb_officer)
    with pytest.raises(PermissionDenied):
        services.feedback_transition(item, S.ANSWERED, actor=fb_officer)


def test_the_sender_cannot_make_staff_moves(topic):
    item, _ = submit(topic)
    with pytest.raises(PermissionDenied):
        services.feedback_transition(item, S.PROCESSING)


def test_an_answer_needs_its_text_and_body(topic, fb_officer):
    item, _ = submit(topic)
    services.feedback_transition(item, S.PROCESSING, actor=fb_officer)
    with pytest.raises(ValidationError) as exc:
        services.feedback_transition(item, S.AWAITING_APPROVAL, actor=fb_officer)
    assert "nội dung trả lời" in exc.value.messages[0]
    assert "cơ quan trả lời" in exc.value.messages[0]


def test_refusing_as_not_competent_needs_the_body_it_went_to(topic, fb_officer):
    item, _ = submit(topic)
    with pytest.raises(ValidationError):
        services.feedback_transition(
            item,
            S.REFUSED,
            actor=fb_officer,
            refusal_reason=RefusalReason.NOT_COMPETENT,
            public_note="Không thuộc thẩm quyền.",
        )
    services.feedback_transition(
        item,
        S.REFUSED,
        actor=fb_officer,
        refusal_reason=RefusalReason.NOT_COMPETENT,
        forwarded_to="Công ty Điện lực Hải Phòng",
        public_note="Đã chuyển Công ty Điện lực.",
    )
    item.refresh_from_db()
    assert item.status == S.REFUSED and item.forwarded_to == "Công ty Điện lực Hải Phòng"


def test_a_duplicate_is_merged_into_another_report_only(topic, fb_officer):
    first, _ = submit(topic)
    second, _ = submit(topic)
    with pytest.raises(ValidationError):
        services.feedback_transition(second, S.MERGED, actor=fb_officer, merged_into=second)
    services.feedback_transition(second, S.MERGED, actor=fb_officer, merged_into=first)
    second.refresh_from_db()
    assert second.merged_into == first and second.status == S.MERGED
    third, _ = submit(topic)
    with pytest.raises(ValidationError):
        services.feedback_transition(third, S.MERGED, actor=fb_officer, merged_into=second)


def test_the_approved_answer_is_published_with_consent(topic, fb_officer, fb_leader):
    item, _ = submit(topic)
    before = pagecache.version()
    item = answer(item, fb_officer, fb_leader)
    assert item.status == S.ANSWERED and item.is_published
    assert item.approved_by == fb_leader and item.answered_at is not None
    assert Feedback.objects.published().get() == item
    assert pagecache.version() != before


def test_without_consent_the_answer_goes_to_the_sender_only(topic, fb_officer, fb_leader):
    item, _ = submit(topic, consent_publish=False)
    item = answer(item, fb_officer, fb_leader)
    assert item.status == S.ANSWERED and not item.is_published
    assert not Feedback.objects.published().exists()
    assert Notification.objects.filter(subject__contains="Đã trả lời").exists()


def test_without_an_edited_copy_nothing_is_published(topic, fb_officer, fb_leader):
    item, _ = submit(topic)
    item = answer(item, fb_officer, fb_leader, public=False)
    assert not item.is_published


def test_waiting_for_the_sender_stops_the_clock(topic, fb_officer, clock):
    clock.now = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)  # Monday 09:00 in Hải Phòng
    item, _ = submit(topic)
    due = item.due_at
    services.feedback_transition(item, S.PROCESSING, actor=fb_officer)
    services.feedback_transition(
        item, S.INFO_REQUESTED, actor=fb_officer, public_note="Xin cho biết số nhà cụ thể."
    )
    clock.advance(days=2)  # Wednesday 09:00: two working days paused
    services.sender_adds_information(item, text="Số nhà 5.")
    item.refresh_from_db()
    assert item.status == S.PROCESSING
    assert item.due_at == workdays.get_calendar().add_working_time(
        due, workdays.working_time(dt.datetime(2026, 12, 7, 2, tzinfo=dt.UTC), clock.now)
    )
    assert item.due_at > due
    event = item.events.last()
    assert event.sender_note == "Số nhà 5." and event.actor is None


def test_the_sender_cannot_add_information_unless_asked(topic):
    item, _ = submit(topic)
    with pytest.raises(ValidationError):
        services.sender_adds_information(item, text="Thêm.")


def test_an_unresolved_answer_reopens_the_report_with_a_new_period(
    topic, fb_officer, fb_leader, clock
):
    item, _ = submit(topic)
    item = answer(item, fb_officer, fb_leader)
    clock.advance(days=1)
    services.sender_rates_answer(item, resolved=False, comment="Mái che vẫn còn.")
    item.refresh_from_db()
    assert item.status == S.REOPENED and item.resolved is False
    assert item.due_at == workdays.due_at(clock.now, topic.answer_days)
    assert item.events.last().sender_note == "Mái che vẫn còn."
    assert Notification.objects.filter(subject__contains="chưa hài lòng").exists()
    with pytest.raises(ValidationError):
        services.sender_rates_answer(item, resolved=True)
    services.feedback_transition(item, S.PROCESSING, actor=fb_leader, internal_note="Kiểm tra lại")


def test_a_resolved_answer_closes_the_report(topic, fb_officer, fb_leader):
    item, _ = submit(topic)
    item = answer(item, fb_officer, fb_leader)
    services.sender_rates_answer(item, resolved=True)
    item.refresh_from_db()
    assert item.status == S.ANSWERED and item.resolved is True


def test_internal_notes_are_history_without_a_move(topic, fb_officer):
    item, _ = submit(topic)
    services.add_internal_note(item, actor=fb_officer, text="Đã gọi điện cho tổ dân phố.")
    event = FeedbackEvent.objects.filter(feedback=item).last()
    assert event.from_status == event.to_status == S.RECEIVED
    assert event.internal_note == "Đã gọi điện cho tổ dân phố."
    with pytest.raises(ValidationError):
        services.add_internal_note(item, actor=fb_officer, text="  ")


def test_every_move_of_the_table_names_a_permission_or_the_sender():
    for rule in TRANSITIONS.values():
        assert rule.permission or rule.by_sender
