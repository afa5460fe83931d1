"""Closed reports lose their sender's data after FEEDBACK_RETENTION_DAYS; the public copy stays."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from feedback import retention
from feedback.models import Feedback, FeedbackEvent
from notifications.models import Notification
from procedures.constants import FileType
from procedures.files import check_upload
from procedures.staging import StagedFile
from procedures.storage import private_storage
from tests.feedback.conftest import answer, submit
from tests.procedures.factories import image_bytes

pytestmark = pytest.mark.django_db


def _photo(name):
    upload = SimpleUploadedFile(name, image_bytes("PNG"), "image/png")
    return StagedFile.stage(check_upload(upload, accepted_types=[FileType.PNG], max_bytes=10**7))


def test_a_closed_report_is_anonymised_after_the_period(
    topic, fb_officer, fb_leader, clock, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_RETENTION_DAYS = 730
    item, _ = submit(topic, photos=[_photo("a.png"), _photo("b.png")])
    item = answer(item, fb_officer, fb_leader)
    public, private = item.photos.all()
    public.is_public = True
    public.save()
    open_item, _ = submit(topic, title="Còn mở")
    clock.advance(days=729)
    assert retention.purge() == 0
    clock.advance(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.purge() == 1
    item.refresh_from_db()
    assert (item.name, item.phone, item.email, item.content) == (
        "(đã ẩn danh)",
        "",
        "",
        "(đã ẩn danh)",
    )
    assert item.public_title and item.answer and Feedback.objects.published().get() == item
    assert list(item.photos.all()) == [public]
    assert not private_storage.exists(private.file.name)
    assert private_storage.exists(public.file.name)
    assert all(not e.sender_note for e in FeedbackEvent.objects.filter(feedback=item))
    assert (
        not Notification.objects.filter(body_text__contains="Nguyễn Văn An")
        .exclude(target_id=str(open_item.pk))
        .exists()
    )
    open_item.refresh_from_db()
    assert open_item.name == "Nguyễn Văn An"  # still open: kept


def test_the_command_counts_first(topic, fb_officer, fb_leader, clock):
    item, _ = submit(topic)
    answer(item, fb_officer, fb_leader)
    clock.advance(days=800)
    out = io.StringIO()
    call_command("purge_feedback", "--dry-run", stdout=out)
    assert "1 phản ánh sẽ được ẩn danh" in out.getvalue()
    call_command("purge_feedback", stdout=out)
    assert Feedback.objects.get().anonymised_at is not None
