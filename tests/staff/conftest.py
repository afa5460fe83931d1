"""Fixtures of the staff tests: a stopped clock."""

import pytest

from tests.staff.fixtures import at


@pytest.fixture
def clock(clock):
    """The project's stopped clock, on a Thursday at 10:00 in Hà Nội time unless a test moves it."""
    clock.now = at(2026, 2, 12, 10)
    return clock
