"""The sender's journey: write, check, send; find it again; add information; rate."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feedback import services
from feedback.constants import FeedbackStatus as S
from feedback.models import Feedback, FeedbackPhoto
from procedures.staging import StagedFile
from procedures.storage import private_storage
from tests.feedback.conftest import answer, submit
from tests.procedures.factories import image_bytes

pytestmark = pytest.mark.django_db


def form_data(topic, **overrides):
    return {
        "topic": topic.pk,
        "title": "Rác thải tồn đọng đầu ngõ 7",
        "content": "Rác để ba ngày chưa thu gom.",
        "address": "Đầu ngõ 7 đường Hồng Phong",
        "name": "Lê Thị Cúc",
        "phone": "0912 345 678",
        "email": "cuc@example.com",
        "consent_publish": "on",
        "agree_privacy": "on",
        "website": "",
        **overrides,
    }


def test_write_check_send_gives_a_code_and_a_secret_link(client, topic, ward, private_root):
    photo = SimpleUploadedFile("rac.png", image_bytes("PNG"), "image/png")
    response = client.post(reverse("feedback:submit"), {**form_data(topic), "photos": [photo]})
    assert response.status_code == 302 and response["Location"] == reverse("feedback:check")
    check = client.get(reverse("feedback:check"))
    assert "Rác thải tồn đọng đầu ngõ 7" in check.text and "rac.png" in check.text
    assert Feedback.objects.count() == 0  # nothing is saved before the resident confirms
    sent = client.post(reverse("feedback:check"), follow=True)
    item = Feedback.objects.get()
    assert item.phone == "+84912345678" and item.consent_publish
    assert item.code in sent.text and "/phan-anh-kien-nghi/theo-doi/" in sent.text
    assert FeedbackPhoto.objects.filter(feedback=item).count() == 1
    # A doubled POST of the check page makes no second report.
    client.post(reverse("feedback:check"))
    assert Feedback.objects.count() == 1


def test_bad_input_keeps_what_was_typed_and_the_photo(client, topic, ward):
    photo = SimpleUploadedFile("rac.png", image_bytes("PNG"), "image/png")
    response = client.post(
        reverse("feedback:submit"), {**form_data(topic, phone="12345"), "photos": [photo]}
    )
    assert response.status_code == 200
    assert "Rác thải tồn đọng đầu ngõ 7" in response.text  # kept
    assert "error-summary" in response.text
    assert "Đã giữ 1 ảnh" in response.text
    # Corrected without choosing the photo again: the kept photo goes with the report.
    client.post(reverse("feedback:submit"), form_data(topic))
    client.post(reverse("feedback:check"))
    assert Feedback.objects.get().photos.count() == 1


def test_a_file_that_is_not_a_photo_is_refused_with_its_name(client, topic, ward):
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not an image", "image/jpeg")
    response = client.post(reverse("feedback:submit"), {**form_data(topic), "photos": [fake]})
    assert response.status_code == 200
    assert "anh.jpg" in response.text
    assert Feedback.objects.count() == 0


def test_more_than_five_photos_are_refused(client, topic, ward):
    photos = [SimpleUploadedFile(f"{i}.png", image_bytes("PNG"), "image/png") for i in range(6)]
    response = client.post(reverse("feedback:submit"), {**form_data(topic), "photos": photos})
    assert "Chỉ gửi tối đa 5 ảnh" in response.text


def test_the_honeypot_stops_robots(client, topic, ward):
    response = client.post(
        reverse("feedback:submit"), form_data(topic, website="http://spam.example")
    )
    assert response.status_code == 200 and "Không gửi được phản ánh" in response.text
    assert reverse("feedback:check") not in response.get("Location", "")


def test_the_privacy_consent_is_required(client, topic, ward):
    data = form_data(topic)
    del data["agree_privacy"]
    response = client.post(reverse("feedback:submit"), data)
    assert "Cần đồng ý xử lý dữ liệu cá nhân" in response.text


def test_edit_from_the_check_page_shows_the_form_as_sent(client, topic, ward):
    client.post(reverse("feedback:submit"), form_data(topic))
    text = client.get(reverse("feedback:submit")).text
    assert "Rác thải tồn đọng đầu ngõ 7" in text and "Lê Thị Cúc" in text


def test_one_phone_may_send_a_few_reports_a_day(client, topic, ward, settings):
    settings.PORTAL_RATE_FEEDBACK_PHONE = "1/86400"
    client.post(reverse("feedback:submit"), form_data(topic))
    assert client.post(reverse("feedback:check")).status_code == 302
    client.post(reverse("feedback:submit"), form_data(topic, title="Lần hai"))
    response = client.post(reverse("feedback:check"))
    assert response.status_code == 429
    assert Feedback.objects.count() == 1


def test_tracking_by_code_and_phone(client, topic, ward):
    item, _ = submit(topic)
    url = reverse("feedback:tracking")
    wrong = client.post(url, {"code": item.code, "phone": "0987654321"})
    assert "Không tìm thấy phản ánh" in wrong.text
    response = client.post(url, {"code": item.code.lower(), "phone": "0912345678"}, follow=True)
    assert item.code in response.text and "Đã tiếp nhận" in response.text
    assert "Nguyễn Văn An" not in response.text  # masked


def test_a_result_page_needs_the_code_and_phone_or_the_link(client, topic, ward):
    item, token = submit(topic)
    result = reverse("feedback:tracking_result", args=[item.code])
    assert client.get(result).status_code == 404
    assert client.get(reverse("feedback:tracking_token", args=["wrong"])).status_code == 404
    response = client.get(reverse("feedback:tracking_token", args=[token]), follow=True)
    assert response.status_code == 200 and item.code in response.text


def test_the_sender_adds_information_when_asked(client, topic, ward, fb_officer):
    item, token = submit(topic)
    services.feedback_transition(item, S.PROCESSING, actor=fb_officer)
    services.feedback_transition(
        item, S.INFO_REQUESTED, actor=fb_officer, public_note="Xin cho biết số nhà."
    )
    client.get(reverse("feedback:tracking_token", args=[token]))
    page = client.get(reverse("feedback:tracking_result", args=[item.code]))
    assert "Xin cho biết số nhà." in page.text
    empty = client.post(reverse("feedback:add_information", args=[item.code]), {"text": ""})
    assert empty.status_code == 200 and "error-summary" in empty.text
    client.post(reverse("feedback:add_information", args=[item.code]), {"text": "Số nhà 5."})
    item.refresh_from_db()
    assert item.status == S.PROCESSING


def test_the_sender_rates_the_answer_and_no_reopens(client, topic, ward, fb_officer, fb_leader):
    item, token = submit(topic)
    answer(item, fb_officer, fb_leader)
    client.get(reverse("feedback:tracking_token", args=[token]))
    page = client.get(reverse("feedback:tracking_result", args=[item.code]))
    assert "Phường đã lập biên bản" in page.text
    client.post(
        reverse("feedback:rate", args=[item.code]), {"resolved": "no", "comment": "Vẫn còn."}
    )
    item.refresh_from_db()
    assert item.status == S.REOPENED and item.resolved is False


def test_a_full_disk_while_staging_photos_leaves_no_file(client, topic, ward, monkeypatch):
    staged = []
    real_stage = StagedFile.stage.__func__

    def stage_then_fail(cls, clean):
        if staged:
            raise OSError(28, "No space left on device")
        staged.append(real_stage(cls, clean))
        return staged[-1]

    monkeypatch.setattr(StagedFile, "stage", classmethod(stage_then_fail))
    photos = [SimpleUploadedFile(f"{i}.png", image_bytes("PNG"), "image/png") for i in range(2)]
    response = client.post(reverse("feedback:submit"), {**form_data(topic), "photos": photos})
    assert response.status_code == 200
    assert "Không lưu được ảnh" in response.text
    assert "Rác thải tồn đọng đầu ngõ 7" in response.text  # what was typed is kept
    assert not private_storage.exists(staged[0].temp_name)
    assert Feedback.objects.count() == 0
