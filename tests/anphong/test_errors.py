"""Error pages in Vietnamese inside the layout; 503 with Retry-After while the DB is down."""

import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, RequestFactory

from anphong.views import server_error


def test_404_is_vietnamese_inside_the_layout(client, ward):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert html.count("<h1") == 1
    assert 'class="site-header"' in html and "<footer" in html


@pytest.mark.urls("tests.anphong.urls_errors")
def test_500_is_vietnamese_and_leaks_nothing(db):
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống gặp sự cố" in html
    assert "Traceback" not in html and "boom" not in html


@pytest.mark.urls("tests.anphong.urls_errors")
def test_database_error_in_a_view_answers_503(db):
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/database-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "Hệ thống tạm thời gián đoạn" in response.content.decode()


def test_every_page_answers_503_while_database_is_unreachable_then_recovers(client, ward):
    refused = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=refused):
        from django.core.cache import cache

        cache.clear()  # a cold cache forces a query
        for path in ["/", "/gioi-thieu/", "/lien-he/"]:
            response = client.get(path)
            assert response.status_code == 503, path
            assert response["Retry-After"] == "30"
            html = response.content.decode()
            assert "Traceback" not in html and html.count("<h1") == 1
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health["Retry-After"] == "30"
        assert health.json() == {"status": "error", "database": "unavailable", "cache": "ok"}
    assert client.get("/").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_handler500_turns_an_unreachable_database_into_503(db):
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        assert sys.exc_info()[0] is OperationalError
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hệ thống tạm thời gián đoạn" in response.content.decode()


def test_a_locked_sqlite_database_is_not_an_outage(db):
    request = RequestFactory().get("/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Hệ thống gặp sự cố" in response.content.decode()


def test_csrf_failure_page_is_vietnamese(db, ward):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/lien-he/", {"x": "1"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Phiên làm việc đã hết hạn" in html
    assert html.count("<h1") == 1


def test_403_and_400_templates_render_in_vietnamese(rf, ward):
    from django.template.loader import render_to_string

    request = rf.get("/")
    assert "Không có quyền truy cập" in render_to_string("403.html", request=request)
    assert "Yêu cầu không hợp lệ" in render_to_string("400.html", request=request)


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives >= {"no-cache", "no-store", "max-age=0"}


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_a_statement_over_the_timeout_answers_503():
    """DB_STATEMENT_TIMEOUT cancels a statement a hung or overloaded server cannot finish;
    the cancellation is an OperationalError, which the middleware answers with a 503."""
    from django.db import connection, transaction

    from anphong.middleware import DatabaseUnavailableMiddleware

    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    with pytest.raises(OperationalError) as raised:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = '50ms'")
            cursor.execute("SELECT pg_sleep(2)")
    assert "statement timeout" in str(raised.value)
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(RequestFactory().get("/"), raised.value)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
