"""Reports in each state, built through the services (as residents and staff make them)."""

import pytest

from feedback import services
from feedback.constants import FeedbackStatus
from feedback.models import Topic
from procedures.services import new_submission_tokens
from staff import roles
from tests.staff.fixtures import make_staff


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="trat-tu-do-thi")


@pytest.fixture
def fb_officer(db):
    return make_staff(roles.OFFICER, username="cv_phananh")


@pytest.fixture
def fb_leader(db):
    return make_staff(roles.LEADER, username="ld_phananh")


def fields(topic, **overrides):
    return {
        "topic": topic,
        "title": "Lấn chiếm vỉa hè ngõ 12",
        "content": "Nhà số 5 ngõ 12 dựng mái che lấn hết vỉa hè. Liên hệ tôi: 0912345678.",
        "address": "Ngõ 12 đường Lê Lợi",
        "name": "Nguyễn Văn An",
        "phone": "+84912345678",
        "email": "an@example.com",
        "consent_publish": True,
        **overrides,
    }


def submit(topic, photos=(), **overrides):
    submission, tracking = new_submission_tokens()
    item, _created = services.submit_feedback(
        fields=fields(topic, **overrides),
        photos=list(photos),
        submission_token=submission,
        tracking_token=tracking,
    )
    return item, tracking


def answer(item, officer, leader, *, public=True):
    """Take `item` from received to answered, as staff do."""
    services.feedback_transition(item, FeedbackStatus.PROCESSING, actor=officer)
    item.refresh_from_db()
    item.answer = "Phường đã lập biên bản, yêu cầu tháo dỡ mái che trong 5 ngày."
    item.answering_body = "Ủy ban nhân dân phường An Phong"
    if public:
        item.public_title = "Mái che lấn chiếm vỉa hè ở ngõ 12 đường Lê Lợi"
        item.public_content = "Một hộ dân dựng mái che lấn chiếm vỉa hè ngõ 12."
    item.save()
    services.feedback_transition(item, FeedbackStatus.AWAITING_APPROVAL, actor=officer)
    services.feedback_transition(item, FeedbackStatus.ANSWERED, actor=leader)
    item.refresh_from_db()
    return item
