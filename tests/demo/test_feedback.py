"""The demo reports of `load_demo` (demo/feedback.py): every state, visibly demo, once."""

import io

import pytest
from django.core.management.base import OutputWrapper
from django.urls import reverse

from demo import dossiers as demo_dossiers
from demo import feedback as demo
from feedback.constants import FeedbackStatus as S
from feedback.models import Feedback, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(ward):
    out = OutputWrapper(io.StringIO())
    demo_dossiers._ensure_staff(out)
    demo.load(out)
    return out


def test_every_state_is_there_and_all_is_marked_demo(loaded):
    items = list(Feedback.objects.all())
    assert len(items) == len(demo.REPORTS) >= 12
    assert {i.status for i in items} == set(S.values)
    for item in items:
        assert item.name.endswith(demo.DEMO) and item.phone.startswith("+84900000")
    published = Feedback.objects.published()
    assert published.count() == 5  # four answered in public, one reopened
    assert all(i.public_title.endswith(demo.DEMO) for i in published)
    private = Feedback.objects.get(status=S.ANSWERED, consent_publish=False)
    assert not private.is_published


def test_loading_twice_adds_nothing(loaded):
    out = io.StringIO()
    demo.load(OutputWrapper(out))
    assert Feedback.objects.count() == len(demo.REPORTS)
    assert "nothing to add" in out.getvalue()


def test_the_public_list_shows_the_demo_answers(client, loaded):
    text = client.get(reverse("feedback:list")).text
    assert "Rác tồn đọng ở đầu một ngõ" in text and demo.DEMO in text
    assert "Người gửi 1" not in text


def test_without_the_topics_the_demo_reports_are_skipped(ward):
    """A transactional test's flush removes the topics of the data migration: the demo
    loader then says so instead of failing (the news demo still loads)."""
    Topic.objects.all().delete()
    out = io.StringIO()
    demo_dossiers._ensure_staff(OutputWrapper(out))
    demo.load(OutputWrapper(out))
    assert "topics of feedback's migration are missing" in out.getvalue()
    assert not Feedback.objects.exists()
