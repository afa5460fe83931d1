"""Project-wide fixtures."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """Every test starts with an empty cache (cached rows would outlive the rolled-back DB)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ward(db):
    """The demo ward profile, as `make run` loads it."""
    from django.core.management import call_command

    call_command("loaddata", "fixtures/demo/010_ward.json", verbosity=0)
    from portal.models import WardProfile

    return WardProfile.load()
