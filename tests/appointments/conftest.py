import pytest

from tests.appointments.factories import MONDAY


@pytest.fixture
def monday(clock):
    """The clock stopped at 08:00 on a working Monday (1/3/2027)."""
    clock.now = MONDAY
    return clock


@pytest.fixture(autouse=True)
def _appointment_settings(settings):
    settings.APPOINTMENT_SLOT_MINUTES = 30
    settings.APPOINTMENT_DAYS_AHEAD = 14
    settings.APPOINTMENT_MIN_LEAD_MINUTES = 60
    settings.APPOINTMENT_SLOT_CAPACITY = 3
    settings.APPOINTMENT_MAX_ACTIVE_PER_PHONE = 2
    settings.APPOINTMENT_NO_SHOW_LIMIT = 3
    settings.APPOINTMENT_NO_SHOW_DAYS = 30
    settings.OFFICE_HOURS = "07:30-11:30,13:30-17:00"
    settings.WORKING_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
