"""Fixtures of the site search tests."""

import pytest


@pytest.fixture(autouse=True)
def _vietnamese_between_requests():
    """Start each test in Vietnamese: a request under /en/ leaves English active in the thread."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")
