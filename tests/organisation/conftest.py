"""Fixtures of the organisation tests."""

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_org(ward):
    """The organisation and Congress demo content, as `make run` loads it."""
    call_command(
        "loaddata",
        "fixtures/demo/050_organisation.json",
        "fixtures/demo/051_congress.json",
        verbosity=0,
    )


@pytest.fixture(autouse=True)
def _vietnamese_between_requests():
    """Start each test in Vietnamese: a request under /en/ leaves English active in the thread,
    and reverse() in the next test would then build /en/ URLs."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")
