"""A guarded status changes only inside its own model's `status_change_allowed` block."""

import pytest

from feedback.constants import FeedbackStatus
from feedback.models import Feedback
from portal.records import StatusChangeRefused, status_change_allowed
from procedures.models import Dossier
from tests.feedback.conftest import submit

pytestmark = pytest.mark.django_db


def test_one_models_permission_does_not_free_another(topic):
    item, _ = submit(topic)
    item.status = FeedbackStatus.PROCESSING
    with status_change_allowed(Dossier), pytest.raises(StatusChangeRefused):
        item.save()
    with status_change_allowed(Feedback):
        item.save()
    item.refresh_from_db()
    assert item.status == FeedbackStatus.PROCESSING
    item.status = FeedbackStatus.ANSWERED
    with pytest.raises(StatusChangeRefused):  # the block has ended
        item.save()


def test_a_copy_refreshed_from_the_database_may_save_other_fields(topic):
    item, _ = submit(topic)
    other = Feedback.objects.get(pk=item.pk)
    with status_change_allowed(Feedback):
        other.status = FeedbackStatus.PROCESSING
        other.save()
    item.refresh_from_db()
    item.assigned_body = "Tổ dân phố 3"
    item.save()  # the status it holds is the stored one: no change, no refusal
