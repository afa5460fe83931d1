import pytest

from tests.staff.fixtures import at

# Monday 24/8/2026, 09:00 in Hanoi: the week after holds the National Day (1–2/9).
MONDAY = at(2026, 8, 24, 9, 0)


@pytest.fixture
def monday(clock):
    clock.now = MONDAY
    return clock
