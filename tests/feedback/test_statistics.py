"""The reports' figures on /thong-ke/ and in CSV and JSON."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from feedback import services, statistics
from feedback.constants import FeedbackStatus as S
from tests.feedback.conftest import answer, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(topic, fb_officer, fb_leader, clock):
    clock.now = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)  # Monday 09:00 in Hải Phòng
    on_time, _ = submit(topic)
    clock.advance(days=1)
    answer(on_time, fb_officer, fb_leader)  # answered the next working day
    late, _ = submit(topic, title="Muộn")
    clock.advance(days=30)
    answer(late, fb_officer, fb_leader)  # 30 days later: past the 10 working days
    waiting, _ = submit(topic, title="Chưa trả lời")
    services.feedback_transition(waiting, S.PROCESSING, actor=fb_officer)
    return on_time, late, waiting


def test_received_answered_on_time_and_average_days(figures):
    data = statistics.compute()
    total = data["total"]
    assert (total["received"], total["answered"], total["on_time"]) == (3, 2, 1)
    assert total["on_time_rate"] == 50
    assert total["avg_days"] is not None and total["avg_days"] > 10
    assert [m["month"] for m in data["months"]] == ["2026-12", "2027-01"]
    assert data["topics"][0]["name"] == "Trật tự đô thị"
    assert data["topics"][0]["received"] == 3


def test_the_statistics_page_shows_them_and_the_downloads(client, figures, ward):
    text = client.get(reverse("procedures:statistics")).text
    assert "Phản ánh, kiến nghị theo tháng" in text
    assert reverse("feedback:statistics_csv") in text
    csv = client.get(reverse("feedback:statistics_csv"))
    assert csv["Content-Type"].startswith("text/csv")
    assert "2026-12" in b"".join(csv.streaming_content).decode("utf-8-sig")
    data = json.loads(client.get(reverse("feedback:statistics_json")).content)
    assert data["total"]["received"] == 3 and data["total"]["on_time_rate"] == "50.0"
    assert "answered on time" in data["definitions"]


def test_no_figures_without_reports(client, ward):
    assert statistics.compute()["total"]["received"] == 0
    assert client.get(reverse("procedures:statistics")).status_code == 200
