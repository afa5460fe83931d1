"""Staff who can see residents' data confirm each log-in with a code (staff.otp).

These tests sign in with `client.login()`, which leaves the session unconfirmed (unlike
`force_login`, see tests/conftest.py), and type codes computed from the device's key.
"""

import re
from base64 import b32encode
from io import StringIO

import pytest
import segno
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import otp, roles
from staff.models import AuditAction, AuditEntry
from tests.staff.factories import STAFF_PASSWORD, UserFactory
from tests.staff.fixtures import make_staff
from tests.staff.otp import app_device, current_code, wrong_code

pytestmark = pytest.mark.django_db

ADMIN = "/quan-tri/"
QUEUE = "/quan-tri/procedures/dossier/?han=qua-han"
ENROL = "/quan-tri/ma-xac-thuc/dang-ky/"
VERIFY = "/quan-tri/ma-xac-thuc/nhap-ma/"
SETTINGS = "/quan-tri/ma-xac-thuc/"
USERS = "/quan-tri/auth/user/"


def sign_in(client, user):
    """The password step only, as the log-in form does."""
    assert client.login(username=user.username, password=STAFF_PASSWORD)


def verified(client):
    return DEVICE_ID_SESSION_KEY in client.session


def entries(action):
    return list(AuditEntry.objects.filter(action=action))


def enrol(client, user):
    """Enrol through the page with the first code of the app; return the recovery codes."""
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post(ENROL, {"code": current_code(device), "next": ADMIN}).text
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)


@pytest.fixture
def editor(db):
    return make_staff(roles.EDITOR, username="bientap")


class TestWhoNeedsCodes:
    @pytest.mark.parametrize(
        ("role", "required"),
        [
            (roles.RECEPTION, True),
            (roles.OFFICER, True),
            (roles.LEADER, True),
            (roles.EDITOR, False),
        ],
    )
    def test_by_role(self, role, required):
        assert otp.requires_otp(make_staff(role)) is required

    def test_superusers_need_codes(self):
        assert otp.requires_otp(UserFactory(superuser=True))

    @pytest.mark.parametrize(
        ("app_label", "codename"),
        [
            ("feedback", "view_feedback"),
            ("procedures", "view_dossier"),
            ("notifications", "view_notification"),
            ("staff", "view_auditentry"),
        ],
    )
    def test_one_permission_on_residents_data_is_enough(self, app_label, codename):
        user = UserFactory(staff=True)
        assert not otp.requires_otp(user)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
        user = type(user).objects.get(pk=user.pk)  # a fresh permission cache
        assert otp.requires_otp(user)

    def test_not_staff_or_inactive_needs_nothing(self):
        assert not otp.requires_otp(UserFactory(is_superuser=True, is_staff=False))
        assert not otp.requires_otp(UserFactory(superuser=True, is_active=False))


class TestGate:
    def test_unenrolled_officer_is_sent_to_enrol_from_every_admin_page(self, client, officer):
        sign_in(client, officer)
        for url in (ADMIN, QUEUE, USERS):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"] == otp.otp_url("staff:otp_enrol", url)

    def test_enrolled_officer_is_asked_for_a_code(self, client, officer):
        app_device(officer)
        sign_in(client, officer)
        response = client.get(QUEUE)
        assert response["Location"] == otp.otp_url("staff:otp_verify", QUEUE)

    def test_log_out_stays_open(self, client, officer):
        sign_in(client, officer)
        response = client.post("/quan-tri/logout/")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_public_pages_are_left_alone(self, client, officer, ward):
        sign_in(client, officer)
        assert client.get("/").status_code == 200

    def test_news_editor_is_not_forced(self, client, editor):
        sign_in(client, editor)
        assert client.get(ADMIN).status_code == 200
        assert client.get("/quan-tri/congress/article/").status_code == 200

    def test_news_editor_who_enrolled_is_asked_too(self, client, editor):
        """Codes are optional for him, but once he has them they guard his account."""
        sign_in(client, editor)
        assert client.get(ENROL).status_code == 200
        enrol(client, editor)
        client.logout()
        sign_in(client, editor)
        assert client.get(ADMIN)["Location"] == otp.otp_url("staff:otp_verify", ADMIN)

    @pytest.mark.parametrize("url", [ENROL, VERIFY, SETTINGS])
    def test_code_pages_are_closed_to_anonymous_visitors(self, client, url):
        for response in (client.get(url), client.post(url, {"code": "123456"})):
            assert response.status_code == 302
            assert response["Location"].startswith("/quan-tri/login/?next=")
        assert not TOTPDevice.objects.exists()

    def test_code_pages_are_closed_to_accounts_without_staff_status(self, client):
        user = UserFactory(username="congdan")
        sign_in(client, user)
        assert client.get(ENROL)["Location"].startswith("/quan-tri/login/?next=")
        assert not TOTPDevice.objects.exists()


class TestEnrolment:
    def test_page_shows_the_qr_code_and_the_secret_of_one_pending_device(self, client, officer):
        sign_in(client, officer)
        page = client.get(ENROL, {"next": QUEUE}).text
        device = TOTPDevice.objects.get(user=officer)
        assert not device.confirmed
        assert "issuer=Ph%C6%B0%E1%BB%9Dng%20An%20Phong" in device.config_url
        qr = segno.make(device.config_url, error="m").svg_inline(scale=4, border=4, light="#fff")
        assert qr in page
        secret = b32encode(device.bin_key).decode()
        assert " ".join(re.findall(".{4}", secret)) in page
        assert page.count("<h1") == 1
        # Opened again (a reload, another tab): the same key, still the one scanned.
        client.get(ENROL)
        assert TOTPDevice.objects.get(user=officer).key == device.key

    def test_the_app_s_code_confirms_verifies_and_shows_ten_codes_once(self, client, officer):
        sign_in(client, officer)
        client.get(ENROL)
        device = TOTPDevice.objects.get(user=officer)
        response = client.post(ENROL, {"code": current_code(device), "next": QUEUE})
        assert response.status_code == 200
        assert response["Cache-Control"].count("no-store") == 1
        page = response.text
        shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
        assert len(shown) == 10
        assert sorted(shown) == sorted(StaticToken.objects.values_list("token", flat=True))
        assert "chỉ hiển thị một lần" in page
        assert f'href="{QUEUE}"'.replace("&", "&amp;") in page
        device.refresh_from_db()
        assert device.confirmed
        assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
        assert client.get(QUEUE).status_code == 200
        [entry] = entries(AuditAction.OTP_ENROL)
        assert (entry.actor, entry.target_id) == (officer, str(officer.pk))
        assert entry.details == {"officer": "chuyenvien", "recovery_codes": 10}

    def test_a_wrong_code_is_refused_in_vietnamese(self, client, officer, clock):
        sign_in(client, officer)
        client.get(ENROL)
        device = TOTPDevice.objects.get(user=officer)
        response = client.post(ENROL, {"code": wrong_code(device)})
        assert response.status_code == 200
        assert "Mã không đúng" in response.text
        device.refresh_from_db()
        assert not device.confirmed
        assert not verified(client)
        assert not StaticToken.objects.exists()
        assert entries(AuditAction.OTP_ENROL) == []
        # Straight after, even the right code waits: the device slows guessing down.
        response = client.post(ENROL, {"code": current_code(device)})
        assert "Vui lòng chờ 1 giây rồi thử lại" in response.text
        assert not verified(client)
        clock.advance(seconds=2)
        client.post(ENROL, {"code": current_code(device)})
        assert verified(client)

    def test_no_second_app_while_one_is_enrolled(self, client, officer):
        """A stolen password must not be enough to add the thief's phone."""
        device = app_device(officer)
        sign_in(client, officer)
        response = client.get(ENROL)
        assert response["Location"] == otp.otp_url("staff:otp_verify", ADMIN)
        client.post(ENROL, {"code": current_code(device)})
        assert list(TOTPDevice.objects.filter(user=officer)) == [device]
        assert not verified(client)


class TestVerification:
    def test_the_app_s_code_opens_the_page_asked_for(self, client, officer):
        device = app_device(officer)
        sign_in(client, officer)
        before = client.session.session_key
        response = client.post(VERIFY, {"code": current_code(device), "next": QUEUE})
        assert (response.status_code, response["Location"]) == (302, QUEUE)
        assert client.get(QUEUE).status_code == 200
        # More rights, a new key: a session id seen before the code no longer opens it.
        assert client.session.session_key != before

    def test_a_code_is_taken_once(self, client, officer, clock):
        device = app_device(officer)
        code = current_code(device)
        sign_in(client, officer)
        client.post(VERIFY, {"code": code})
        assert verified(client)
        client.logout()
        sign_in(client, officer)
        response = client.post(VERIFY, {"code": code})
        assert "Mã không đúng hoặc đã được dùng" in response.text
        assert not verified(client)

    def test_a_wrong_code_is_refused_then_slows_the_next_try(self, client, officer, clock):
        device = app_device(officer)
        sign_in(client, officer)
        response = client.post(VERIFY, {"code": wrong_code(device), "next": QUEUE})
        assert response.status_code == 200
        assert "Mã không đúng hoặc đã được dùng" in response.text
        assert f'name="next" value="{QUEUE}"'.replace("&", "&amp;") in response.text
        assert not verified(client)
        assert "Vui lòng chờ" in client.post(VERIFY, {"code": current_code(device)}).text
        assert not verified(client)
        clock.advance(seconds=2)
        assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302
        assert verified(client)

    def test_a_foreign_next_lands_on_the_admin_index(self, client, officer):
        device = app_device(officer)
        sign_in(client, officer)
        response = client.post(
            VERIFY, {"code": current_code(device), "next": "https://evil.example/"}
        )
        assert response["Location"] == ADMIN

    def test_verify_without_an_app_goes_to_enrol(self, client, officer):
        sign_in(client, officer)
        assert client.get(VERIFY)["Location"] == otp.otp_url("staff:otp_enrol", ADMIN)

    def test_a_recovery_code_works_once(self, client, officer, clock):
        sign_in(client, officer)
        codes = enrol(client, officer)
        client.logout()
        sign_in(client, officer)
        response = client.post(VERIFY, {"code": codes[0].upper(), "next": QUEUE}, follow=True)
        assert response.redirect_chain == [(QUEUE, 302)]
        assert "còn 9 mã chưa dùng" in response.text
        assert verified(client)
        assert not StaticToken.objects.filter(token=codes[0]).exists()
        [entry] = entries(AuditAction.OTP_RECOVERY)
        assert (entry.actor, entry.target_id) == (officer, str(officer.pk))
        assert entry.details == {"officer": "chuyenvien", "recovery_codes_left": 9}

        client.logout()
        sign_in(client, officer)
        response = client.post(VERIFY, {"code": codes[0]})
        assert "Mã không đúng hoặc đã được dùng" in response.text
        assert not verified(client)
        clock.advance(seconds=2)
        client.post(VERIFY, {"code": codes[1]})
        assert verified(client)
        assert len(entries(AuditAction.OTP_RECOVERY)) == 2


class TestRecoveryCodes:
    def test_new_set_is_shown_once_and_audited(self, client, officer):
        sign_in(client, officer)
        old = enrol(client, officer)
        page = client.get(SETTINGS).text
        assert "Còn 10 mã dự phòng chưa dùng" in page
        page = client.post(SETTINGS).text
        new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
        assert len(new) == 10
        assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new)
        assert not set(old) & set(new)
        [entry] = entries(AuditAction.OTP_CODES)
        assert (entry.actor, entry.target_id) == (officer, str(officer.pk))
        # The session confirmed before stays confirmed.
        assert client.get(ADMIN).status_code == 200

    def test_needs_a_verified_session(self, client, officer):
        app_device(officer)
        sign_in(client, officer)
        response = client.post(SETTINGS)
        assert response["Location"] == otp.otp_url("staff:otp_verify", SETTINGS)
        assert entries(AuditAction.OTP_CODES) == []
        assert not StaticToken.objects.exists()

    def test_admin_links_to_the_page(self, client, officer):
        client.force_login(officer)
        assert f'href="{SETTINGS}"' in client.get(ADMIN).text


class TestReset:
    def reset(self, client, *users, confirmed=True):
        data = {"action": "reset_otp", "_selected_action": [u.pk for u in users]}
        return client.post(USERS, {**data, "post": "yes"} if confirmed else data)

    def test_the_reset_is_confirmed_first(self, client, officer):
        app_device(officer)
        client.force_login(UserFactory(superuser=True, username="quantri"))
        page = self.reset(client, officer, confirmed=False)
        assert page.status_code == 200
        assert "Đặt lại xác thực hai lớp của 1 tài khoản dưới đây?" in page.text
        assert officer.get_username() in page.text
        assert 'name="post" value="yes"' in page.text
        assert TOTPDevice.objects.filter(user=officer).exists()
        assert entries(AuditAction.OTP_RESET) == []

    def test_superuser_resets_and_the_officer_enrols_again(self, client, officer):
        officer_client = type(client)()
        sign_in(officer_client, officer)
        enrol(officer_client, officer)
        assert officer_client.get(ADMIN).status_code == 200
        admin = UserFactory(superuser=True, username="quantri")
        client.force_login(admin)
        assert "reset_otp" in client.get(USERS).text

        response = self.reset(client, officer)
        assert response.status_code == 302
        assert not TOTPDevice.objects.filter(user=officer).exists()
        assert not StaticDevice.objects.filter(user=officer).exists()
        [entry] = entries(AuditAction.OTP_RESET)
        assert (entry.actor, entry.target_id) == (admin, str(officer.pk))
        assert entry.details == {"officer": "chuyenvien", "was_enrolled": True}
        # His open session and his next log-in both go back to enrolment.
        assert officer_client.get(ADMIN)["Location"] == otp.otp_url("staff:otp_enrol", ADMIN)
        officer_client.logout()
        sign_in(officer_client, officer)
        assert officer_client.get(ADMIN)["Location"] == otp.otp_url("staff:otp_enrol", ADMIN)

    def test_only_superusers_may_reset(self, client, officer):
        app_device(officer)
        manager = UserFactory(staff=True, username="quanlytaikhoan")
        manager.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="auth", codename__in=["view_user", "change_user"]
            )
        )
        client.force_login(manager)
        page = client.get(USERS)
        assert page.status_code == 200
        assert "reset_otp" not in page.text
        self.reset(client, officer)
        assert TOTPDevice.objects.filter(user=officer).exists()
        assert entries(AuditAction.OTP_RESET) == []

    def test_device_admin_pages_are_not_offered(self, client):
        client.force_login(UserFactory(superuser=True))
        assert client.get("/quan-tri/otp_totp/totpdevice/").status_code == 404
        assert client.get("/quan-tri/otp_static/staticdevice/").status_code == 404


class TestDemoAdmin:
    def test_gets_codes_once_and_prints_them_on_every_run(self, client):
        first, second = StringIO(), StringIO()
        call_command("ensure_demo_admin", stdout=first)
        call_command("ensure_demo_admin", stdout=second)
        device = TOTPDevice.objects.get(user__username="admin")
        assert device.confirmed
        assert StaticDevice.objects.filter(user__username="admin").count() == 1
        secret = b32encode(device.bin_key).decode()
        for out in (first.getvalue(), second.getvalue()):
            assert "DEMO ONLY" in out
            assert secret in out
            assert device.config_url in out
        [codes] = re.findall(r"Recovery codes: +(.+)", second.getvalue())
        codes = codes.split(", ")
        assert len(codes) == 3
        password = re.search(r"Password: (\S+)", first.getvalue())[1]
        client.login(username="admin", password=password)
        assert client.post(VERIFY, {"code": codes[0]}).status_code == 302
        assert verified(client)
        [entry] = entries(AuditAction.OTP_ENROL)
        assert entry.actor is None
