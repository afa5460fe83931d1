"""Hostile input gets the Vietnamese 400 page (English under /en/), never a 500 (issue 15,
items 3 and 6)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

BAD_REQUEST = "Yêu cầu không hợp lệ"


def assert_vietnamese_400(response):
    assert response.status_code == 400
    assert BAD_REQUEST in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/thu-tuc/?q=%00",
        "/thu-tuc/?q=ab%00cd",
        "/thu-tuc/?linh-vuc=%00",
        "/en/thu-tuc/?q=%00",
        "/thong-ke/?linh-vuc=%00",
        "/thong-ke/thong-ke-ho-so.csv?linh-vuc=%00",
        "/thong-ke/thong-ke-ho-so.json?linh-vuc=%00",
        "/thu-tuc/?q=ok&q=%00",  # the second of a repeated key
        "/thu-tuc/?%00=x",  # a key
        "/tim-kiem/?q=%1B",  # any C0 character, not only NUL
        "/tim-kiem/?q=a%0Ab",  # a line feed has no place in a link
        "/tra-cuu/h/%00/",  # the path
    ],
)
def test_a_control_character_in_a_link_is_refused_with_the_400_page(ward, url):
    response = Client(raise_request_exception=False).get(url)
    if url.startswith("/en/"):
        assert response.status_code == 400
        assert "Bad request" in response.content.decode()
    else:
        assert_vietnamese_400(response)


def test_the_400_page_speaks_the_path_s_language_whatever_came_before(ward):
    """The guard answers before LocaleMiddleware; the thread's active language is the
    previous request's until something sets it (seen under gunicorn: an English 400 on
    /thong-ke/ after an /en/ page). anphong.middleware.PathLanguageMiddleware sets it first."""
    client = Client(raise_request_exception=False)
    for before, url, expected in [
        ("/en/", "/thong-ke/?linh-vuc=%00", BAD_REQUEST),
        ("/en/thu-tuc/", "/thu-tuc/?q=%00", BAD_REQUEST),
        ("/", "/en/thu-tuc/?q=%00", "Bad request"),
        ("/thu-tuc/", "/en/thu-tuc/?q=%00", "Bad request"),
    ]:
        assert client.get(before).status_code == 200
        response = client.get(url)
        assert response.status_code == 400
        assert expected in response.content.decode(), (before, url)


def test_a_control_character_in_a_posted_field_is_refused_before_any_view(ward):
    client = Client(raise_request_exception=False)
    response = client.post(reverse("procedures:tracking"), {"code": "AB\x00C", "phone": "1"})
    assert_vietnamese_400(response)
    response = client.post(reverse("procedures:tracking"), {"code\x00": "x", "phone": "1"})
    assert_vietnamese_400(response)


def test_tab_and_line_breaks_in_a_posted_field_pass(ward):
    response = Client().post(
        reverse("procedures:tracking"), {"code": "AB\tC\r\nD", "phone": "0912345678"}
    )
    assert response.status_code == 200


def test_valid_input_still_passes(ward):
    client = Client()
    assert client.get("/thu-tuc/?q=khai+sinh&linh-vuc=").status_code == 200
    assert client.get("/tim-kiem/?q=%C4%91%E1%BA%A5t").status_code == 200


@pytest.mark.parametrize("charset", ["utf-16", "utf-16-le", "latin-1", "utf-32"])
def test_a_form_posted_in_another_charset_with_a_valid_csrf_pair_is_400(ward, charset):
    # The client re-raises what the 400 handler itself raised: that was the bare 500.
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("procedures:tracking"))
    token = client.cookies["csrftoken"].value
    body = f"csrfmiddlewaretoken={token}&code=X&phone=0912345678"
    response = client.post(
        reverse("procedures:tracking"),
        data=body.encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_vietnamese_400(response)


def test_a_form_posted_in_utf8_with_a_declared_charset_still_passes(ward):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("procedures:tracking"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("procedures:tracking"),
        data=f"csrfmiddlewaretoken={token}&code=X&phone=0912345678".encode(),
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )
    assert response.status_code == 200


def test_a_form_body_over_the_size_limit_is_400_not_500(ward, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post(reverse("procedures:tracking"), {"code": "x" * 2000, "phone": "1"})
    assert_vietnamese_400(response)


def test_too_many_form_fields_is_400_not_500(ward, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = Client().post(reverse("procedures:tracking"), {f"f{i}": "x" for i in range(10)})
    assert_vietnamese_400(response)


@pytest.mark.urls("tests.anphong.urls_default_400")
def test_an_unreadable_body_is_parsed_once_whatever_the_400_handler(ward):
    """Django's own 400 handler reads request.POST again for its CSRF check: the guard leaves
    the body marked as unreadable, so that second read cannot raise (the bare 500)."""
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("procedures:tracking"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("procedures:tracking"),
        data=f"csrfmiddlewaretoken={token}&code=X".encode(),
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert_vietnamese_400(response)
