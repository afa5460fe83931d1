"""The log-in against a real OpenID Connect provider (tests/oidc_provider.py: django-oauth-
toolkit in its own process), through the portal's own views: nothing of the client is
mocked. Each refusal is the provider really misbehaving, or the answer really tampered."""

from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import ResidentAccount
from tests.procedures.journey import applicant_data, step_url

pytestmark = [pytest.mark.django_db, pytest.mark.oidc]

LOGIN = reverse("accounts_login")
MINE = reverse("accounts:my_dossiers")


@pytest.fixture
def provider(oidc_provider, settings):
    for name, value in oidc_provider.portal_env.items():
        setattr(settings, name, value)
    return oidc_provider


def _start(client, next_url=MINE):
    r = client.get(f"{LOGIN}?{urlencode({'next': next_url})}")
    assert r.status_code == 302, r.content.decode()[:2000]
    return r["Location"]


def _callback_path(url):
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == "http://testserver", url
    return urlunsplit(("", "", parts.path, parts.query, ""))


def _log_in(client, provider, username=None, next_url=MINE):
    authorize = _start(client, next_url)
    callback = provider.login(requests.Session(), authorize, username or provider.normal_user)
    return client.get(_callback_path(callback))


def test_the_button_sends_to_the_provider_with_pkce_state_and_nonce(client, provider):
    html = client.get("/").content.decode()
    assert "Đăng nhập bằng định danh điện tử" in html
    authorize = _start(client)
    assert authorize.startswith(provider.discovery["authorization_endpoint"])
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == ["http://testserver/tai-khoan/dang-nhap/xong/"]
    assert "citizen" in query["scope"][0].split()


def test_success_signs_in_and_makes_the_account_from_the_claims(client, provider):
    r = _log_in(client, provider)
    assert r.status_code == 302
    assert r["Location"] == MINE
    claims = provider.citizens[provider.normal_user]
    account = ResidentAccount.objects.get()
    assert account.citizen_id == claims["citizen_id"]
    assert account.full_name == claims["name"]
    assert account.birth_date.isoformat() == claims["birthdate"]
    assert account.phone == "+84" + claims["phone_number"][1:]
    assert account.issuer == provider.issuer
    assert account.subject == str(claims["sub"])
    assert not account.user.is_staff
    assert not account.user.has_usable_password()
    page = client.get(MINE)
    assert page.status_code == 200
    assert claims["name"] in page.content.decode()


def test_a_second_log_in_finds_the_same_account(client, provider):
    _log_in(client, provider)
    client.post(reverse("accounts_logout"))
    _log_in(client, provider)
    assert ResidentAccount.objects.count() == 1
    assert get_user_model().objects.count() == 1


def test_two_citizens_get_two_accounts(client, provider):
    _log_in(client, provider)
    client.post(reverse("accounts_logout"))
    _log_in(client, provider, provider.second_user)
    assert ResidentAccount.objects.count() == 2
    assert (
        client.get(MINE).context["account"].citizen_id
        == (provider.citizens[provider.second_user]["citizen_id"])
    )


def test_wrong_state_is_refused(client, provider):
    authorize = _start(client)
    callback = provider.login(requests.Session(), authorize, provider.normal_user)
    parts = urlsplit(callback)
    query = parse_qs(parts.query)
    query["state"] = ["trang-thai-gia-mao"]
    tampered = urlunsplit(("", "", parts.path, urlencode(query, doseq=True), ""))
    r = client.get(tampered)
    assert r.status_code == 400
    assert "Phiên đăng nhập không khớp" in r.content.decode()
    assert not ResidentAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_callback_replayed_is_refused(client, provider):
    authorize = _start(client)
    callback = _callback_path(provider.login(requests.Session(), authorize))
    assert client.get(callback).status_code == 302
    client.post(reverse("accounts_logout"))
    assert client.get(callback).status_code == 400


def test_a_callback_from_another_browser_is_refused(client, provider, django_user_model):
    """Log-in CSRF: a code obtained in the attacker's browser does not sign in another."""
    from django.test import Client

    authorize = _start(Client())
    callback = _callback_path(provider.login(requests.Session(), authorize))
    r = client.get(callback)
    assert r.status_code == 400
    assert not ResidentAccount.objects.exists()


def test_wrong_nonce_is_refused(client, provider):
    r = _log_in(client, provider, provider.wrong_nonce_user)
    assert r.status_code == 400
    assert "Không xác thực được thông tin" in r.content.decode()
    assert not ResidentAccount.objects.exists()


def test_expired_id_token_is_refused(client, provider):
    r = _log_in(client, provider, provider.expired_user)
    assert r.status_code == 400
    assert "Không xác thực được thông tin" in r.content.decode()
    assert not ResidentAccount.objects.exists()


def test_a_missing_citizen_id_claim_is_refused(client, provider):
    r = _log_in(client, provider, provider.no_citizen_id_user)
    assert r.status_code == 400
    assert "thiếu số định danh cá nhân" in r.content.decode()
    assert not ResidentAccount.objects.exists()


def test_a_resident_unknown_to_the_provider_or_refusing_gets_a_message(client, provider):
    authorize = _start(client)
    r = client.get(_callback_path(provider.cancel(requests.Session(), authorize)))
    assert r.status_code == 400
    html = r.content.decode()
    assert "đã bị huỷ" in html
    assert "Tiếp tục không đăng nhập" in html
    assert not ResidentAccount.objects.exists()


def test_an_id_token_for_another_client_is_refused(client, provider, settings):
    """The ID token's audience must be the portal's client id (a token the provider issued
    to another service is not a log-in here)."""
    authorize = _start(client)
    callback = provider.login(requests.Session(), authorize)
    settings.OIDC_CLIENT_ID = "mot-ung-dung-khac"
    r = client.get(_callback_path(callback))
    assert r.status_code == 400
    assert not ResidentAccount.objects.exists()


def test_an_unreachable_provider_is_said_so(client, provider, settings):
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    r = client.get(LOGIN)
    assert r.status_code == 502
    assert "Chưa kết nối được" in r.content.decode()


def test_log_out_ends_both_sessions(client, provider):
    _log_in(client, provider)
    r = client.post(reverse("accounts_logout"))
    assert r.status_code == 302
    assert r["Location"].startswith(provider.discovery["end_session_endpoint"])
    query = parse_qs(urlsplit(r["Location"]).query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/"]
    assert query["id_token_hint"][0].count(".") == 2
    assert "_auth_user_id" not in client.session
    assert client.get(MINE).status_code == 302
    assert client.get(reverse("accounts_logout")).status_code == 405


def test_next_is_kept_inside_the_site_only(client, provider):
    r = _log_in(client, provider, next_url="https://evil.example/")
    assert r["Location"] == MINE


def test_a_form_in_progress_survives_the_log_in(client, provider, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.post(step_url(procedure, "nguoi-nop"), applicant_data(street="Số 7, tổ dân phố 3"))
    r = _log_in(client, provider, next_url=step_url(procedure, "nguoi-nop"))
    assert r["Location"] == step_url(procedure, "nguoi-nop")
    html = client.get(r["Location"]).content.decode()
    claims = provider.citizens[provider.normal_user]
    assert f'value="{claims["name"]}"' in html
    assert 'value="Số 7, tổ dân phố 3"' in html


@pytest.mark.parametrize(
    "query",
    ["", "?code=abc", "?state=x&code=" + "a" * 5000, "?error=server_error&state=x"],
)
def test_a_callback_out_of_nowhere_is_a_clear_400(client, provider, query):
    r = client.get(reverse("accounts_callback") + query)
    assert r.status_code == 400
    assert "Chưa đăng nhập được" in r.content.decode()
    # A control character is refused before any view (anphong.middleware.InputGuard).
    assert client.get(reverse("accounts_callback") + "?state=%00").status_code == 400
