"""The public side: only answered, consented reports; never the sender's words or data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback.forms import FeedbackForm
from feedback.models import Feedback, Topic
from feedback.services import sender_rates_answer
from procedures.constants import FileType
from procedures.files import check_upload
from procedures.staging import StagedFile
from tests.feedback.conftest import answer, submit
from tests.procedures.factories import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(topic, fb_officer, fb_leader, ward):
    item, _ = submit(topic)
    return answer(item, fb_officer, fb_leader)


def test_the_list_shows_answered_reports_without_personal_data(client, published, topic):
    hidden, _ = submit(topic, title="Chưa trả lời")
    response = client.get(reverse("feedback:list"))
    text = response.text
    assert response.status_code == 200
    assert published.public_title in text
    assert "Chưa trả lời" not in text and hidden.code not in text
    for private in ("Nguyễn Văn An", "0912345678", "an@example.com", "Lấn chiếm vỉa hè ngõ 12"):
        assert private not in text


def test_the_page_shows_the_edited_copy_the_answer_and_the_dates(client, published):
    response = client.get(published.get_absolute_url())
    text = response.text
    assert published.public_content in text and published.answer in text
    assert "Ủy ban nhân dân phường An Phong" in text
    assert timezone.localtime(published.answered_at).strftime("%d/%m/%Y") in text
    for private in ("Nguyễn Văn An", "0912345678", "an@example.com", "Nhà số 5 ngõ 12"):
        assert private not in text


def test_a_report_not_published_has_no_page(client, topic, ward):
    item, _ = submit(topic)
    assert client.get(reverse("feedback:detail", args=[item.pk])).status_code == 404


def test_filters_by_topic_month_and_words_without_diacritics(client, published, topic):
    url = reverse("feedback:list")
    month = timezone.localtime(published.published_at).strftime("%Y-%m")
    assert published.public_title in client.get(url, {"topic": topic.slug}).text
    assert published.public_title not in client.get(url, {"topic": "an-ninh-trat-tu"}).text
    assert published.public_title in client.get(url, {"month": month}).text
    assert published.public_title not in client.get(url, {"month": "2019-01"}).text
    assert published.public_title in client.get(url, {"q": "MAI CHE via he"}).text
    assert published.public_title not in client.get(url, {"q": "đèn đường"}).text


def test_a_bad_month_says_so_in_vietnamese(client, published):
    response = client.get(reverse("feedback:list"), {"month": "tháng 13"})
    assert response.status_code == 200
    assert "Chọn tháng theo dạng năm-tháng" in response.text


def test_the_feed_lists_the_answers_without_the_sender(client, published):
    response = client.get(reverse("feedback:feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    assert published.public_title in response.text
    assert "Nguyễn Văn An" not in response.text and "0912345678" not in response.text


def test_photos_are_served_only_once_made_public(client, topic, fb_officer, fb_leader, ward):
    upload = SimpleUploadedFile("anh.jpg", image_bytes("JPEG", exif=True), "image/jpeg")
    clean = check_upload(upload, accepted_types=[FileType.JPEG], max_bytes=10**7)
    item, _ = submit(topic, photos=[StagedFile.stage(clean)])
    item = answer(item, fb_officer, fb_leader)
    photo = item.photos.get()
    url = reverse("feedback:photo", args=[item.pk, photo.pk])
    assert client.get(url).status_code == 404
    assert url not in client.get(item.get_absolute_url()).text
    photo.is_public = True
    photo.save()
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"Exif" not in b"".join(response.streaming_content)


def test_a_reopened_report_stays_public_and_says_so(client, published):
    sender_rates_answer(published, resolved=False, comment="Chưa tháo dỡ.")
    text = client.get(published.get_absolute_url()).text
    assert "đang xem xét lại" in text
    assert "Chưa tháo dỡ." not in text  # the sender's words stay private


def test_the_form_explains_where_complaints_go(client, ward):
    text = client.get(reverse("feedback:submit")).text
    assert "Luật Khiếu nại" in text and "Luật Tố cáo" in text


def test_only_active_topics_are_offered():
    Topic.objects.filter(slug="khac").update(is_active=False)
    names = [str(choice[1]) for choice in FeedbackForm().fields["topic"].choices]
    assert "Khác" not in names and "Trật tự đô thị" in names


def test_deep_pages_read_by_keyset_show_the_same_rows_as_an_offset(client, ward):
    call_command("generate_feedback_bench_data", reports=45, verbosity=0)
    newest_first = [
        f'href="{item.get_absolute_url()}"'
        for item in Feedback.objects.published().order_by("-published_at", "-id")
    ]
    url = reverse("feedback:list")
    for _ in range(2):  # the deferred join first, then the cached anchor
        page = client.get(url, {"page": 3}).text
        assert all(link in page for link in newest_first[40:45])
        assert newest_first[39] not in page
    two = client.get(url, {"page": 2}).text
    assert all(link in two for link in newest_first[20:40])
    assert client.get(url, {"page": 4}).status_code == 404


def test_no_public_page_shows_a_reports_code(client, published):
    """The code and the sender's phone open the tracking page: a public code would let
    anyone who knows a phone number find out which public report is that person's."""
    pages = [
        client.get(reverse("feedback:list")).text,
        client.get(published.get_absolute_url()).text,
        client.get(reverse("feedback:feed")).text,
        client.get("/sitemap-feedback.xml").text,
    ]
    assert published.get_absolute_url() in pages[0]
    assert all(published.code not in page for page in pages)
