"""Rate-limit edges: the 429 page is the site's own page for that address, never stored."""

import datetime as dt
import time

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import reverse

from portal.ratelimit import rate_limited

pytestmark = pytest.mark.django_db


@pytest.fixture
def window_start(clock):
    """The clock stopped exactly at the start of a 600-second rate window."""
    clock.now = dt.datetime.fromtimestamp((int(time.time()) // 600 + 1) * 600, dt.UTC)
    return clock


@pytest.fixture
def expires_before_incr(monkeypatch):
    """The window's counter expires between the add and the incr of the next request (a
    race the cache can lose under load): that request must count as the window's first."""
    backend = type(caches["default"])
    real_incr = backend.incr
    raced = []

    def incr(self, key, delta=1, version=None):
        if not raced:
            raced.append(key)
            self.delete(key, version=version)
        return real_incr(self, key, delta, version)

    monkeypatch.setattr(backend, "incr", incr)
    return raced


def limited_view():
    return rate_limited("tracking")(lambda request: HttpResponse("ok"))


@pytest.fixture
def window_clock(clock):
    """The clock stopped 10 s into a 600-second rate window (windows are aligned to the epoch)."""
    start = (int(time.time()) // 600 + 1) * 600 + 10
    clock.now = dt.datetime.fromtimestamp(start, dt.UTC)
    return clock


def test_the_429_page_names_the_page_asked_for(client, ward, settings, window_clock):
    settings.PORTAL_RATE_TRACKING = "1/600"
    url = reverse("procedures:tracking")
    assert client.post(url, {"code": "X", "phone": "0912345678"}).status_code == 200
    response = client.post(url, {"code": "X", "phone": "0912345678"})
    assert response.status_code == 429
    html = response.content.decode()
    # Rendered with the request, like every page of the site: the language switch links
    # to this very page in English.
    assert f'href="/en{url}" hreflang="en"' in html
    assert "Xin thử lại sau 590 giây." in html


def test_a_limited_view_answers_429_that_no_cache_keeps(rf, settings, window_clock):
    """The refusal itself says "do not store" (RFC 9111: directives are case-insensitive),
    even on a view that does not add never_cache."""
    settings.PORTAL_RATE_TRACKING = "1/600"
    view = rate_limited("tracking")(lambda request: HttpResponse("ok"))
    assert view(rf.post("/gui/")).status_code == 200
    response = view(rf.post("/gui/"))
    assert response.status_code == 429
    assert response["Retry-After"] == "590"
    directives = {d.strip().lower() for d in response["Cache-Control"].split(",")}
    assert directives == {"no-store"}
    assert "Quá nhiều yêu cầu" in response.content.decode()


def test_a_rate_without_a_window_counts_per_minute(rf, settings, window_clock):
    settings.PORTAL_RATE_TRACKING = "2"  # two requests a minute
    view = rate_limited("tracking")(lambda request: HttpResponse("ok"))
    assert [view(rf.post("/gui/")).status_code for _ in range(3)] == [200, 200, 429]
    assert view(rf.post("/gui/"))["Retry-After"] == "50"  # the rest of the minute


def test_a_counter_lasts_until_its_window_ends(rf, settings, window_start):
    settings.PORTAL_RATE_TRACKING = "1/600"
    view = limited_view()
    assert view(rf.post("/gui/")).status_code == 200
    window_start.advance(seconds=599.5)  # the same window, half a second before its end
    response = view(rf.post("/gui/"))
    assert (response.status_code, response["Retry-After"]) == (429, "1")


@pytest.mark.parametrize("limit", [1, 2])
def test_a_counter_lost_to_a_race_restarts_at_one(
    rf, settings, window_clock, expires_before_incr, limit
):
    settings.PORTAL_RATE_TRACKING = f"{limit}/600"
    view = limited_view()
    statuses = [view(rf.post("/gui/")).status_code for _ in range(limit + 1)]
    assert expires_before_incr  # the race happened, on the first request
    assert statuses == [200] * limit + [429]


def test_a_counter_restarted_after_a_race_lasts_until_its_window_ends(
    rf, settings, window_start, expires_before_incr
):
    settings.PORTAL_RATE_TRACKING = "1/600"
    view = limited_view()
    assert view(rf.post("/gui/")).status_code == 200
    window_start.advance(seconds=599.5)
    assert view(rf.post("/gui/")).status_code == 429
