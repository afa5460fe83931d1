"""Redis down or hung: pages are served uncached, quickly; the tracking limit refuses (503).

The cache is the production backend (portal.cache.FailOpenRedisCache) pointed at a closed
port, or at a socket that accepts connections and never answers.
"""

import logging
import socket
import time

import pytest
import redis
from django.core.cache import cache
from django.http import HttpResponse
from django.test import override_settings
from django.urls import reverse
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from portal import cache as portal_cache
from portal.cache import FailOpenRedisCache
from portal.ratelimit import rate_limited
from tests.procedures.journey import applicant_data, step_url

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/gioi-thieu/",
    "/lien-he/",
    "/tim-kiem/?q=khai+sinh",
    "/tin-tuc/",
    "/van-ban/",
    "/dai-hoi/",
    "/to-chuc/",
    "/lanh-dao/",
    "/danh-ba/",
    "/thu-tuc/",
    "/thong-ke/",
    "/tra-cuu/",
    "/en/",
]


@pytest.fixture(autouse=True)
def _fresh_outages():
    """Outages are remembered per process and server: each test starts with none."""
    portal_cache._outages.clear()
    yield
    portal_cache._outages.clear()


def redis_cache(location, retry_seconds=5):
    return {
        "default": {
            "BACKEND": "portal.cache.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "anphong-test",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "RETRY_SECONDS": retry_seconds,
            },
        }
    }


@pytest.fixture
def closed_port():
    """An address nothing listens on (connection refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{port}/0")):
        yield


@pytest.fixture
def silent_redis():
    """A socket that accepts connections (the kernel completes the handshake) and never
    reads or answers: a hung Redis."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        port = sock.getsockname()[1]
        with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{port}/0")):
            yield


def timed(call):
    start = time.monotonic()
    response = call()
    return response, time.monotonic() - start


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_are_served_uncached_while_redis_is_down(client, demo_org, closed_port, path):
    response, seconds = timed(lambda: client.get(path))
    assert response.status_code == 200, path
    assert seconds < 2


def test_public_pages_answer_within_a_second_while_redis_hangs(client, demo_org, silent_redis):
    for path in PAGES:
        response, seconds = timed(lambda path=path: client.get(path))
        assert response.status_code == 200, path
        assert seconds < 1, (path, seconds)


def test_tracking_lookups_fail_closed_while_redis_is_down(client, ward, closed_port):
    """The tracking limit is what stops code + phone guessing: it refuses rather than let
    look-ups through uncounted."""
    response = client.post(reverse("procedures:tracking"), {"code": "X", "phone": "0912345678"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "Tạm thời chưa tra cứu được" in html and html.count("<h1") == 1
    assert "Để bảo vệ thông tin hồ sơ của người dân" in html
    # The page keeps the site's layout: its navigation comes from the request's context.
    assert html.count('class="nav-item"') >= 3 and 'href="/tra-cuu/"' in html
    # The form itself (not limited) still shows.
    assert client.get(reverse("procedures:tracking")).status_code == 200


def test_a_fail_closed_limit_refuses_with_a_page_no_cache_keeps(rf, closed_port):
    """Even on a view without never_cache, the refusal says "do not store" and when to
    come back."""
    view = rate_limited("tracking")(lambda request: HttpResponse("ok"))
    response = view(rf.post("/tra-cuu/"))
    assert response.status_code == 503
    assert (response["Retry-After"], response["Cache-Control"]) == ("30", "no-store")
    assert "Xin thử lại sau 30 giây." in response.content.decode()
    # Its GET is not limited here, so it is not refused either.
    assert view(rf.get("/tra-cuu/")).status_code == 200


def test_only_the_buckets_named_fail_closed(rf, settings, closed_port):
    settings.PORTAL_RATE_FAIL_CLOSED = ["submit"]
    assert rate_limited("tracking")(lambda r: HttpResponse("ok"))(rf.post("/")).status_code == 200
    assert rate_limited("submit")(lambda r: HttpResponse("ok"))(rf.post("/")).status_code == 503


def test_tracking_lookups_fail_closed_quickly_while_redis_hangs(client, ward, silent_redis):
    url = reverse("procedures:tracking")
    for _ in range(3):
        response, seconds = timed(lambda: client.post(url, {"code": "X", "phone": "0912345678"}))
        assert response.status_code == 503
        assert seconds < 1


def test_submission_steps_fail_open_while_redis_is_down(client, ward, procedure, closed_port):
    start = client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    assert (start.status_code, start["Location"]) == (302, step_url(procedure, "nguoi-nop"))
    assert client.get(step_url(procedure, "nguoi-nop")).status_code == 200
    response = client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    assert response.status_code == 302  # on to the next step, counted or not


def test_healthz_reports_the_cache_down(client, db, closed_port):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {"status": "error", "database": "ok", "cache": "unavailable"}


def test_healthz_reports_a_hung_cache_quickly(client, db, silent_redis):
    response, seconds = timed(lambda: client.get("/healthz"))
    assert response.json()["cache"] == "unavailable"
    assert seconds < 1


def test_the_settings_cache_fails_open_with_short_timeouts(settings):
    """REDIS_URL selects the fail-open backend, with timeouts of a fraction of a second."""
    from tests.anphong.test_settings import _settings

    default = _settings({"REDIS_URL": "redis://127.0.0.1:6379/1"}, "s.CACHES['default']")
    assert default["BACKEND"] == "portal.cache.FailOpenRedisCache"
    assert default["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] == 0.25
    assert default["OPTIONS"]["SOCKET_TIMEOUT"] == 0.25


# The backend itself.


def closed_location():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def backend(retry_seconds=5, location=None):
    params = redis_cache(location or closed_location(), retry_seconds)["default"]
    return FailOpenRedisCache(params["LOCATION"], params)


def test_one_redis_client_serves_every_call(monkeypatch):
    """Django's own RedisCache built a redis-py client (~75 µs) for every call; the
    backend keeps one per server (the reason for django-redis, see portal.cache)."""
    built = []
    real_init = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    down = backend(retry_seconds=0)
    for _ in range(5):
        assert down.get("k") is None
        down.set("k", 1)
    assert len(built) == 1


def test_every_call_is_a_miss_while_redis_is_down():
    down = backend()
    assert down.get("k") is None
    assert down.get("k", "fallback") == "fallback"
    assert down.add("k", 1) is False
    assert down.set("k", 1) is None
    assert down.touch("k") is False
    assert down.delete("k") is False
    assert down.get_many(["a", "b"]) == {}
    assert down.has_key("k") is False
    assert down.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert down.delete_many(["a"]) is None
    assert down.clear() is False
    assert down.get_or_set("k", 7) == 7
    with pytest.raises(ValueError):
        down.incr("k")
    assert down.available is False


def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends(monkeypatch, caplog):
    down = backend(retry_seconds=0)
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        for _ in range(5):
            assert down.get("k") is None
        monkeypatch.setattr(RedisCache, "get", lambda self, key, default=None, version=None: 1)
        assert down.get("k") == 1
        assert down.get("k") == 1
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2
    assert messages[0].startswith("Cache unavailable (ConnectionError")
    assert messages[1].startswith("Cache available again after")
    assert down.available is True


def test_after_a_failure_redis_is_left_alone_for_a_while(monkeypatch):
    down = backend(retry_seconds=60)
    calls = []

    def failing_get(self, key, default=None, version=None):
        calls.append(key)
        raise RedisConnectionError("refused")

    monkeypatch.setattr(RedisCache, "get", failing_get)
    for _ in range(10):
        assert down.get("k") is None
    assert calls == ["k"]  # one attempt; the other nine were misses without asking


def test_an_outage_is_shared_by_every_thread_of_the_process(caplog):
    """Django builds one backend per thread: the outage is noticed (and logged) once."""
    location = closed_location()
    first = backend(retry_seconds=60, location=location)
    other = backend(retry_seconds=60, location=location)
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        assert first.get("k") is None
        assert other.available is False
        assert other.get("k") is None
    assert len(caplog.records) == 1


def test_the_default_cache_is_not_the_fail_open_one_in_tests():
    # The rate limiter reads `available` only where the backend has it.
    assert not hasattr(cache, "available")
