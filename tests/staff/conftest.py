"""Fixtures of the staff tests: a stopped clock, private storage per test."""

import pytest

from tests.staff.fixtures import at


@pytest.fixture
def clock(clock):
    """The project's stopped clock, on a Thursday at 10:00 in Hà Nội time unless a test moves it."""
    clock.now = at(2026, 2, 12, 10)
    return clock


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Each test gets its own private storage root, so file assertions see only its files.

    Overriding STORAGES makes Django build the "private" storage anew at that root.
    """
    root = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": root}},
    }
    return root
