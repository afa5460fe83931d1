"""A bad Host header gets the Vietnamese 400 page, never a 500: error pages render
without anything that can raise the error they report (host, database, cache)."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import Http404
from django.test import Client
from django.views import defaults

from anphong import views
from portal.ratelimit import too_many_requests

BAD_HOSTS = ["evil.example", "127.0.0.1%00"]


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("host", BAD_HOSTS)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/"),
        ("get", "/khong-ton-tai/"),  # would be a 404
        ("get", "/en/"),
        ("get", "/healthz"),
        ("get", "/robots.txt"),
        ("get", "/quan-tri/"),  # would be a redirect to the log-in
        ("post", "/lien-he/"),  # would be a CSRF 403
    ],
)
def test_a_bad_host_gets_the_vietnamese_400_page(anonymous, ward, settings, host, method, path):
    """Vietnamese, or English under /en/ (the error pages speak the page's language)."""
    assert settings.DEBUG is False
    response = getattr(anonymous, method)(path, HTTP_HOST=host)
    assert response.status_code == 400
    html = response.content.decode()
    assert ("Bad request" if path.startswith("/en/") else "Yêu cầu không hợp lệ") in html
    assert html.count("<h1") == 1
    assert host not in html


@pytest.mark.urls("tests.anphong.urls_errors")
def test_a_bad_host_gets_400_even_where_the_view_fails(db):
    client = Client(raise_request_exception=False)
    for path in ["/test-errors/boom/", "/test-errors/database-gone/"]:
        response = client.get(path, HTTP_HOST="evil.example")
        assert response.status_code == 400, path
        assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_the_400_page_needs_no_database(anonymous, db):
    refused = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=refused):
        response = anonymous.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def _bad_host_request(rf):
    return rf.get("/trang/", HTTP_HOST="evil.example")


def _unavailable(request):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        return views.server_error(request)


# Every error page the site has, through the view that answers it.
ERROR_VIEWS = {
    400: lambda request: views.bad_request(request, exception=Exception("bad host")),
    403: lambda request: defaults.permission_denied(request, exception=PermissionDenied()),
    "403_csrf": lambda request: views.csrf_failure(request, reason="CSRF cookie not set."),
    404: lambda request: defaults.page_not_found(request, exception=Http404()),
    429: lambda request: too_many_requests(request, 30),
    500: lambda request: views.server_error(request),
    503: _unavailable,
}


TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Không có quyền truy cập",
    "403_csrf": "Phiên làm việc đã hết hạn",
    404: "Không tìm thấy trang",
    429: "Quá nhiều yêu cầu",
    500: "Hệ thống gặp sự cố",
    503: "Hệ thống tạm thời gián đoạn",
}


def test_every_error_page_renders_for_a_bad_host(rf, ward):
    request = _bad_host_request(rf)
    for page, view in ERROR_VIEWS.items():
        response = view(request)
        status = 403 if page == "403_csrf" else page
        assert response.status_code == status, page
        html = response.content.decode()
        assert TITLES[page] in html, page
        assert html.count("<h1") == 1, page
        assert "evil.example" not in html, page


def test_400_500_and_503_pages_need_neither_database_nor_host(rf, db):
    request = _bad_host_request(rf)
    refused = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=refused):
        for status in (400, 500, 503):
            response = ERROR_VIEWS[status](request)
            assert response.status_code == status
            html = response.content.decode()
            assert TITLES[status] in html
            assert 'rel="canonical"' not in html


def test_the_404_page_stays_in_the_site_layout_for_a_good_host(client, ward):
    response = client.get("/khong-ton-tai/", HTTP_HOST="localhost")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'class="site-header"' in html and "<footer" in html and 'class="site-nav' in html
    assert 'rel="canonical"' not in html  # an error page has no canonical address
