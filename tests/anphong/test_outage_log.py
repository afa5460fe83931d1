"""A database outage is logged twice per process, when it starts and when it ends, never
a traceback per 503; every 503 while the database is down carries Retry-After."""

import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from anphong.views import database_outage

REFUSED = OperationalError(
    'connection to server at "db" (10.0.0.5), port 5432 failed: Connection refused\n'
    "\tIs the server running on that host and accepting TCP/IP connections?"
)


def database_down():
    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=REFUSED)


def lines(caplog):
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def starts(caplog):
    return [r for r in lines(caplog) if "Database unavailable" in r.getMessage()]


def ends(caplog):
    return [r for r in lines(caplog) if "Database available again" in r.getMessage()]


@pytest.mark.urls("tests.anphong.urls_errors")
def test_an_outage_logs_one_line_when_it_starts_and_one_when_it_ends(ward, caplog):
    caplog.set_level(logging.INFO)
    client = Client(raise_request_exception=False)
    paths = ["/", "/gioi-thieu/", "/lien-he/", "/test-errors/database-gone/", "/healthz"]
    with database_down():
        for i in range(50):
            cache.clear()  # a cold cache forces a query
            response = client.get(paths[i % len(paths)])
            assert response.status_code == 503
            assert response["Retry-After"] == "30"
    [start] = starts(caplog)
    assert start.levelno == logging.WARNING
    message = start.getMessage()
    assert "OperationalError" in message and "Connection refused" in message
    assert "\n" not in message
    assert not ends(caplog)
    assert lines(caplog) == [start]  # no per-request "Service Unavailable" line either
    assert all(r.exc_info is None and not r.exc_text for r in caplog.records)
    assert "Traceback" not in caplog.text

    cache.clear()
    assert client.get("/").status_code == 200
    assert client.get("/gioi-thieu/").status_code == 200
    assert len(starts(caplog)) == 1
    [end] = ends(caplog)
    assert "OperationalError" in end.getMessage() and "\n" not in end.getMessage()


def test_a_failure_raised_outside_the_view_is_logged_once_too(ward, caplog):
    """A session read in a middleware fails before the view: handler500 answers 503."""
    caplog.set_level(logging.INFO)
    client = Client(raise_request_exception=False)
    client.get("/")
    client.cookies["sessionid"] = "x" * 32
    with (
        database_down(),
        mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=REFUSED),
    ):
        for _ in range(10):
            response = client.get("/quan-tri/")
            assert response.status_code == 503
            assert response["Retry-After"] == "30"
    assert len(starts(caplog)) == 1
    assert len(lines(caplog)) == 1
    assert "Traceback" not in caplog.text


def test_a_health_check_ends_the_outage_and_says_so_once(db, caplog):
    caplog.set_level(logging.INFO)
    client = Client()
    with database_down():
        for _ in range(5):
            response = client.get("/healthz")
            assert response.status_code == 503
            assert response["Retry-After"] == "30"
            assert response.json()["database"] == "unavailable"
    assert len(starts(caplog)) == 1 and not ends(caplog)
    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    assert len(ends(caplog)) == 1
    assert len(lines(caplog)) == 2


def test_a_page_that_needs_no_query_does_not_end_the_outage(ward, caplog):
    caplog.set_level(logging.INFO)
    client = Client(raise_request_exception=False)
    with database_down():
        cache.clear()
        assert client.get("/").status_code == 503
    with mock.patch.object(database_outage, "ended") as ended:
        client.get("/robots.txt")  # no query
    ended.assert_not_called()
    assert database_outage.active


def test_two_threads_log_one_start(db, caplog):
    import threading

    caplog.set_level(logging.INFO)
    barrier = threading.Barrier(8)

    def fail():
        barrier.wait()
        for _ in range(50):
            database_outage.started(REFUSED)

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(starts(caplog)) == 1
