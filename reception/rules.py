"""The chair's duty to receive citizens every week.

Law on Citizen Reception 42/2013/QH13 Art. 15(2)(d): the chair of the commune-level
People's Committee receives citizens in person at the committee's seat at least one day
in every week (besides unscheduled receptions under Art. 18(3)). Two checks follow it:
the weekly default must hold a session of the chair, and each coming week must keep one
after its cancellations and holidays.
"""

from django.utils import timezone

from reception.constants import ReceiverRole
from reception.models import ReceptionSession


def chair_has_weekly_session(on=None):
    """Whether a default session of the chair is in force on `on` (today)."""
    on = on or timezone.localdate()
    return ReceptionSession.objects.valid_on(on).filter(receiver_role=ReceiverRole.CHAIR).exists()


def weeks_without_chair(weeks):
    """The weeks (as built by selectors.weeks) where the chair holds no session."""
    return [week for week in weeks if not any(o.is_chair and o.is_held for o in week["sessions"])]
