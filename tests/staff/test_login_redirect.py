"""Where staff land after logging in (issue 14.14).

Django's log-in drops a ``next`` that points off the site and falls back on
LOGIN_REDIRECT_URL, whose default ``/accounts/profile/`` does not exist here: staff landed
on a 404. They land on the admin index, which every staff user may open.
"""

import re

import pytest
from django.urls import reverse

from tests.staff.factories import STAFF_PASSWORD
from tests.staff.otp import pass_second_factor

LOGIN = reverse("admin:login")
ADMIN_INDEX = reverse("admin:index")
pytestmark = pytest.mark.django_db


def log_in(client, user, next_url):
    """The password step; the code step that follows (tests/staff/test_otp.py) is passed
    as if the officer had typed his code, so the pages it leads to open."""
    response = client.post(
        LOGIN, {"username": user.username, "password": STAFF_PASSWORD, "next": next_url}
    )
    pass_second_factor(client, user)
    return response


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/quan-tri/",
        "//evil.example/",
        "http://evil.example",
        "/\\evil.example/",
        "javascript:alert(1)",
        "",
    ],
)
def test_a_foreign_next_lands_on_the_admin_index(client, officer, next_url):
    response = log_in(client, officer, next_url)
    assert (response.status_code, response["Location"]) == (302, ADMIN_INDEX)
    assert client.get(response["Location"]).status_code == 200
    assert "_auth_user_id" in client.session


def test_a_local_next_is_followed(client, officer):
    queue = reverse("admin:procedures_dossier_changelist") + "?han=qua-han"
    response = log_in(client, officer, queue)
    assert (response.status_code, response["Location"]) == (302, queue)
    assert client.get(queue).status_code == 200


def test_the_login_page_reached_with_a_foreign_next_lands_on_the_admin_index(client, officer):
    """Through the page: the form drops the foreign ``next``; what it posts lands on the index."""
    page = client.get(LOGIN, {"next": "https://evil.example/"}).text
    carried = re.search(r'<input type="hidden" name="next" value="([^"]*)"', page)[1]
    assert "evil" not in carried
    response = log_in(client, officer, carried)
    assert (response.status_code, response["Location"]) == (302, ADMIN_INDEX)
