"""The demo schedule: idempotent, every row marked as demo, the real chair named."""

import pytest

from demo import reception as demo_reception
from reception import rules
from reception.constants import ReceiverRole
from reception.models import ReceptionChange, ReceptionSession


@pytest.mark.django_db
def test_the_demo_schedule_loads_once(demo_org, monday):
    demo_reception.load()
    counts = (ReceptionSession.objects.count(), ReceptionChange.objects.count())
    demo_reception.load()
    assert (ReceptionSession.objects.count(), ReceptionChange.objects.count()) == counts
    assert counts == (4, 3)
    assert not ReceptionSession.objects.filter(is_demo=False).exists()
    assert not ReceptionChange.objects.filter(is_demo=False).exists()
    chair = ReceptionSession.objects.get(receiver_role=ReceiverRole.CHAIR)
    assert chair.person.full_name == "Lâm Văn Đạt"
    assert rules.chair_has_weekly_session()
