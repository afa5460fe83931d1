"""The staff's side: the work queue, the moves with their forms, the audit of every view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feedback.constants import FeedbackStatus as S
from portal import pagecache
from procedures.constants import FileType
from procedures.files import check_upload
from procedures.staging import StagedFile
from staff import roles
from staff.models import AuditAction, AuditEntry
from tests.feedback.conftest import answer, submit
from tests.procedures.factories import image_bytes
from tests.staff.factories import UserFactory
from tests.staff.fixtures import make_staff

pytestmark = pytest.mark.django_db


def move_url(item, to):
    return reverse("admin:feedback_feedback_transition", args=[item.pk, to])


def test_the_queue_lists_reports_with_their_deadline_and_overdue_flag(
    client, topic, fb_officer, clock
):
    late, _ = submit(topic, title="Đã quá hạn")
    clock.advance(days=30)
    fresh, _ = submit(topic, title="Mới gửi")
    client.force_login(fb_officer)
    response = client.get(reverse("admin:feedback_feedback_changelist"))
    assert response.status_code == 200
    text = response.text
    assert "Đã quá hạn" in text and "Mới gửi" in text
    assert text.index(late.code) < text.index(fresh.code)  # the nearest deadline first
    assert late.is_overdue and not fresh.is_overdue


def test_opening_a_report_is_audited_and_offers_the_allowed_moves(client, topic, fb_officer):
    item, _ = submit(topic)
    client.force_login(fb_officer)
    response = client.get(reverse("admin:feedback_feedback_change", args=[item.pk]))
    assert response.status_code == 200
    assert move_url(item, S.PROCESSING) in response.text
    assert move_url(item, S.REFUSED) in response.text
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert entry.actor == fb_officer and entry.target_id == str(item.pk)


def test_the_officer_drafts_and_the_leader_publishes(client, topic, fb_officer, fb_leader, ward):
    item, _ = submit(topic)
    client.force_login(fb_officer)
    client.post(move_url(item, S.PROCESSING))
    item.refresh_from_db()
    assert item.status == S.PROCESSING
    missing = client.post(move_url(item, S.AWAITING_APPROVAL))
    assert missing.status_code == 200 and "Còn thiếu" in missing.text
    item.answer, item.answering_body = "Đã thu gom.", "UBND phường An Phong"
    item.public_title, item.public_content = "Rác tồn đọng", "Rác tồn đọng ở đầu ngõ."
    item.save()
    client.post(move_url(item, S.AWAITING_APPROVAL))
    assert client.post(move_url(item, S.ANSWERED)).status_code == 403
    client.force_login(fb_leader)
    client.post(move_url(item, S.ANSWERED))
    item.refresh_from_db()
    assert item.status == S.ANSWERED and item.is_published
    assert AuditEntry.objects.filter(action=AuditAction.TRANSITION).count() == 3
    assert client.get(item.get_absolute_url()).status_code == 200


def test_refusal_form_asks_for_the_reason(client, topic, fb_officer):
    item, _ = submit(topic)
    client.force_login(fb_officer)
    response = client.post(move_url(item, S.REFUSED), {"public_note": "Không rõ nội dung"})
    assert "lý do không xử lý" in response.text
    client.post(move_url(item, S.REFUSED), {"public_note": "Tin rác", "refusal_reason": "spam"})
    item.refresh_from_db()
    assert item.status == S.REFUSED and item.refusal_reason == "spam"


def test_merge_by_code(client, topic, fb_officer):
    first, _ = submit(topic)
    second, _ = submit(topic)
    client.force_login(fb_officer)
    wrong = client.post(move_url(second, S.MERGED), {"merged_into": "PAKN-000000-0000"})
    assert "Không có phản ánh mã" in wrong.text
    client.post(move_url(second, S.MERGED), {"merged_into": first.code.lower()})
    second.refresh_from_db()
    assert second.merged_into == first


def test_a_move_not_in_the_table_is_a_404(client, topic, fb_leader):
    item, _ = submit(topic)
    client.force_login(fb_leader)
    assert client.get(move_url(item, S.ANSWERED)).status_code == 404


def test_an_editor_cannot_see_reports(client, topic):
    editor = make_staff(roles.EDITOR, username="bientap")
    client.force_login(editor)
    assert client.get(reverse("admin:feedback_feedback_changelist")).status_code == 403


def test_internal_notes(client, topic, fb_officer):
    item, _ = submit(topic)
    client.force_login(fb_officer)
    client.post(reverse("admin:feedback_feedback_note", args=[item.pk]), {"text": "Đã gọi."})
    assert item.events.last().internal_note == "Đã gọi."


def test_staff_open_a_photo_and_it_is_audited(client, topic, fb_officer):
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"), "image/png")
    staged = StagedFile.stage(check_upload(upload, accepted_types=[FileType.PNG], max_bytes=10**7))
    item, _ = submit(topic, photos=[staged])
    photo = item.photos.get()
    client.force_login(fb_officer)
    page = client.get(reverse("admin:feedback_feedback_change", args=[item.pk]))
    url = reverse("admin:feedback_feedback_photo", args=[item.pk, photo.pk])
    assert url in page.text
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert AuditEntry.objects.filter(action=AuditAction.DOWNLOAD).count() == 1


def test_once_before_a_leader_only_a_leader_edits_the_answer(client, topic, fb_officer, fb_leader):
    item, _ = submit(topic)
    client.force_login(fb_officer)
    client.post(move_url(item, S.PROCESSING))
    item.refresh_from_db()
    item.answer, item.answering_body = "Đã xử lý.", "UBND phường An Phong"
    item.save()
    client.post(move_url(item, S.AWAITING_APPROVAL))
    change = reverse("admin:feedback_feedback_change", args=[item.pk])
    assert 'name="answer"' not in client.get(change).text
    client.force_login(fb_leader)
    assert 'name="answer"' in client.get(change).text


def test_only_staff_can_be_assigned(client, topic, fb_officer):
    resident = UserFactory(username="not_staff")
    item, _ = submit(topic)
    client.force_login(fb_officer)
    text = client.get(reverse("admin:feedback_feedback_change", args=[item.pk])).text
    assert "cv_phananh" in text and "not_staff" not in text
    assert resident.pk


def test_publishing_a_photo_in_the_admin_renews_the_public_page(
    client, topic, fb_officer, fb_leader, ward
):
    upload = SimpleUploadedFile("a.png", image_bytes("PNG"), "image/png")
    staged = StagedFile.stage(check_upload(upload, accepted_types=[FileType.PNG], max_bytes=10**7))
    item, _ = submit(topic, photos=[staged])
    item = answer(item, fb_officer, fb_leader)
    photo = item.photos.get()
    photo_url = reverse("feedback:photo", args=[item.pk, photo.pk])
    assert photo_url not in client.get(item.get_absolute_url()).text  # now cached
    client.force_login(fb_leader)
    change = reverse("admin:feedback_feedback_change", args=[item.pk])
    data = {
        "assigned_to": "",
        "assigned_body": "",
        "public_title": item.public_title,
        "public_content": item.public_content,
        "answer": item.answer,
        "answering_body": item.answering_body,
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-id": str(photo.pk),
        "photos-0-feedback": str(item.pk),
        "photos-0-is_public": "on",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    before = pagecache.version()
    response = client.post(change, data)
    assert response.status_code == 302, response.text[:2000]
    assert pagecache.version() != before
    client.logout()
    assert photo_url in client.get(item.get_absolute_url()).text
