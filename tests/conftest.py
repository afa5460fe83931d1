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


@pytest.fixture(autouse=True)
def _places(request):
    """Provinces and wards from the data migration, reloaded if a transactional test's
    flush (browser tests, concurrency tests) emptied the tables: every app's demo and
    dossier code needs them. One query when they are present."""
    uses_db = request.node.get_closest_marker("django_db") is not None or any(
        name in request.fixturenames for name in ("db", "transactional_db", "ward")
    )
    if not uses_db:
        return
    request.getfixturevalue(
        "transactional_db"
        if getattr(request.node.get_closest_marker("django_db"), "kwargs", {}).get("transaction")
        else "db"
    )
    from portal.models import Province
    from tests.procedures.factories import load_places

    if not Province.objects.exists():
        load_places()
