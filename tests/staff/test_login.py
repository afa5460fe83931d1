"""Staff log-in resists guessing: lockout, strong passwords, idle sessions (issue 6)."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from portal.ratelimit import trusted_client_ip as client_ip
from staff.security import LAST_SEEN_KEY
from tests.staff.factories import STAFF_PASSWORD, UserFactory

LOGIN = "/quan-tri/login/"
pytestmark = pytest.mark.django_db


def attempt(client, username, password="sai-mat-khau", ip="203.0.113.7"):  # noqa: S107
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/quan-tri/"},
        REMOTE_ADDR=ip,
    )


def fail_until_locked(client, username, settings, ip="203.0.113.7"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, username, ip=ip)
    return response


class TestLockout:
    def test_wrong_password_is_refused_with_the_admin_form(self, client):
        UserFactory(staff=True, username="tiepnhan")
        response = attempt(client, "tiepnhan")
        assert response.status_code == 200
        assert "tiepnhan" in response.content.decode()  # the form keeps what was typed

    def test_locked_after_limit_even_with_the_right_password(self, client, settings):
        UserFactory(staff=True, username="tiepnhan")
        response = fail_until_locked(client, "tiepnhan", settings)
        assert response.status_code == 429
        response = attempt(client, "tiepnhan", STAFF_PASSWORD)
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
        page = response.content.decode()
        assert page.count("<h1") == 1
        assert "Tạm khóa đăng nhập" in page
        assert f"sau {settings.AXES_FAILURE_LIMIT} lần nhập sai" in page
        assert "30 phút" in page
        assert response["Cache-Control"] == "no-store"

    def test_not_locked_before_the_limit(self, client, settings):
        user = UserFactory(staff=True, username="tiepnhan")
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "tiepnhan")
        response = attempt(client, "tiepnhan", STAFF_PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_unknown_user_gets_exactly_the_same_answers(self, client, settings):
        UserFactory(staff=True, username="tiepnhan")
        known = [attempt(client, "tiepnhan") for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
        unknown = [attempt(client, "khongtontai") for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
        for k, u in zip(known, unknown, strict=True):
            assert k.status_code == u.status_code
            body_k = k.content.decode().replace("tiepnhan", "USER")
            body_u = u.content.decode().replace("khongtontai", "USER")
            assert _without_csrf(body_k) == _without_csrf(body_u)
        assert known[-1].status_code == 429

    def test_lockout_is_per_user_and_address(self, client, settings):
        """Colleagues share the office's address: one typing badly must not lock the desk."""
        UserFactory(staff=True, username="tiepnhan")
        UserFactory(staff=True, username="chuyenvien")
        fail_until_locked(client, "tiepnhan", settings)
        assert attempt(client, "chuyenvien", STAFF_PASSWORD).status_code == 302
        client.logout()
        assert attempt(client, "tiepnhan", STAFF_PASSWORD, ip="198.51.100.9").status_code == 302

    def test_success_resets_the_count(self, client, settings):
        UserFactory(staff=True, username="tiepnhan")
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "tiepnhan")
        assert attempt(client, "tiepnhan", STAFF_PASSWORD).status_code == 302
        client.logout()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            attempt(client, "tiepnhan")
        assert attempt(client, "tiepnhan", STAFF_PASSWORD).status_code == 302

    def test_lock_expires_after_the_cool_off(self, client, settings, clock):
        UserFactory(staff=True, username="tiepnhan")
        fail_until_locked(client, "tiepnhan", settings)
        assert attempt(client, "tiepnhan", STAFF_PASSWORD).status_code == 429
        clock.advance(settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1))
        assert attempt(client, "tiepnhan", "sai-mat-khau").status_code == 429  # still locked
        clock.advance(settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1))
        assert attempt(client, "tiepnhan", STAFF_PASSWORD).status_code == 302

    def test_trying_during_the_lock_restarts_the_wait(self, client, settings, clock):
        """The lockout page says so: each try while locked restarts the cool-off."""
        UserFactory(staff=True, username="tiepnhan")
        fail_until_locked(client, "tiepnhan", settings)
        clock.advance(minutes=20)
        assert attempt(client, "tiepnhan", STAFF_PASSWORD).status_code == 429
        assert AccessAttempt.objects.get().attempt_time == clock.now
        # 49 minutes after the failures, but 29 after the last try: still locked.
        clock.advance(minutes=29)
        assert attempt(client, "tiepnhan", STAFF_PASSWORD).status_code == 429

    def test_test_client_login_still_works(self, client):
        """Code without a request (test client, scripts) skips the lockout check only."""
        UserFactory(staff=True, username="tiepnhan")
        assert client.login(username="tiepnhan", password=STAFF_PASSWORD) is True


def _without_csrf(body):
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


class TestClientAddress:
    def test_direct_connection_uses_remote_addr(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert client_ip(request) == "10.0.0.5"

    def test_forged_entries_left_of_the_proxy_are_ignored(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        request = RequestFactory().get(
            "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
        )
        assert client_ip(request) == "203.0.113.7"


class TestStaffPasswords:
    @pytest.mark.parametrize(
        ("password", "code"),
        [
            ("Ng@n-qua1", "password_too_short"),
            ("qwerty123456", "password_too_common"),
            ("384729105836", "password_entirely_numeric"),
        ],
    )
    def test_weak_passwords_are_refused(self, password, code):
        user = UserFactory(staff=True)
        with pytest.raises(ValidationError) as exc:
            validate_password(password, user)
        assert [error.code for error in exc.value.error_list] == [code]

    @pytest.mark.parametrize(
        ("password", "message"),
        [
            ("Ng@n-qua1", "Mật khẩu quá ngắn. Mật khẩu phải có ít nhất 12 ký tự."),
            ("qwerty123456", "Mật khẩu này quá phổ biến, dễ bị đoán ra."),
            ("384729105836", "Mật khẩu này chỉ gồm chữ số."),
        ],
    )
    def test_refusals_are_in_vietnamese(self, password, message):
        with pytest.raises(ValidationError) as exc:
            validate_password(password, UserFactory(staff=True))
        assert exc.value.messages == [message]

    def test_password_like_the_user_name_is_refused(self):
        user = UserFactory(staff=True, username="nguyenvanphuc2026")
        with pytest.raises(ValidationError) as exc:
            validate_password("nguyenvanphuc2026", user)
        assert [error.code for error in exc.value.error_list] == ["password_too_similar"]

    def test_strong_password_passes(self):
        assert validate_password(STAFF_PASSWORD, UserFactory(staff=True)) is None

    def test_admin_refuses_a_short_password_for_a_new_officer(self, client):
        client.force_login(UserFactory(superuser=True))
        response = client.post(
            "/quan-tri/auth/user/add/",
            {
                "username": "canbomoi",
                "usable_password": "true",
                "password1": "ngan-qua1",
                "password2": "ngan-qua1",
            },
        )
        assert response.status_code == 200
        assert "Mật khẩu quá ngắn" in response.content.decode()
        assert not get_user_model().objects.filter(username="canbomoi").exists()


class TestIdleSession:
    def test_active_session_stays(self, client, settings, clock):
        client.force_login(UserFactory(staff=True))
        assert client.get("/quan-tri/").status_code == 200
        # Each request restarts the idle time: twice nearly the timeout, never idle.
        for _ in range(2):
            clock.advance(seconds=settings.STAFF_SESSION_IDLE_TIMEOUT - 5)
            assert client.get("/quan-tri/").status_code == 200

    def test_idle_session_is_logged_out(self, client, settings, clock):
        client.force_login(UserFactory(staff=True))
        client.get("/quan-tri/")
        assert client.session[LAST_SEEN_KEY] == int(clock.now.timestamp())
        clock.advance(seconds=settings.STAFF_SESSION_IDLE_TIMEOUT + 5)
        response = client.get("/quan-tri/auth/user/?q=x")
        assert response.status_code == 302
        assert response["Location"].startswith("/quan-tri/login/?next=")
        assert "_auth_user_id" not in client.session
        follow = client.get(response["Location"])
        assert "hết hạn do không hoạt động" in follow.content.decode()

    def test_idle_timeout_comes_from_settings(self, client, settings, clock):
        settings.STAFF_SESSION_IDLE_TIMEOUT = 3600
        client.force_login(UserFactory(staff=True))
        client.get("/quan-tri/")
        clock.advance(seconds=1800)  # idle past the default 30 minutes
        assert client.get("/quan-tri/").status_code == 200
        clock.advance(seconds=3601)
        assert client.get("/quan-tri/").status_code == 302
