"""The development OpenID Connect provider itself (tools/oidc_provider), over HTTP only.

The portal's client is tested against it elsewhere; here the provider must keep its
promises: a standard code flow with PKCE whose ID token verifies against the JWKS and
carries the citizen's claims, and, for the quirk citizens, the promised misbehaviour, seen
as a client sees it (Authlib's ID-token checks, as the portal's client runs them).
"""

import base64
import datetime as dt
import hashlib
import json
import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from authlib.oidc.core import CodeIDToken
from joserfc.errors import ExpiredTokenError, InvalidClaimError, MissingClaimError
from jwcrypto import jwk, jwt

from tests.oidc_provider import ProviderError

pytestmark = pytest.mark.oidc

CLAIMS = ("name", "birthdate", "phone_number", "email", "citizen_id")
# Authlib's client accepts this much clock skew (parse_id_token's default leeway).
LEEWAY = 120


def _pkce():
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class Flow:
    """One authorization request of the test client, as the portal would make it."""

    def __init__(self, provider, *, redirect_uri=None, pkce=True, scope=None):
        self.provider = provider
        self.state = secrets.token_urlsafe(16)
        self.nonce = secrets.token_urlsafe(16)
        self.verifier, challenge = _pkce()
        self.redirect_uri = redirect_uri or provider.redirect_uri
        params = {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": scope or provider.scopes,
            "state": self.state,
            "nonce": self.nonce,
        }
        if pkce:
            params.update(code_challenge=challenge, code_challenge_method="S256")
        self.url = f"{provider.discovery['authorization_endpoint']}?{urlencode(params)}"
        self.session = requests.Session()

    def callback(self, username):
        """The query of the callback URL the provider sends the browser to, after log-in."""
        url = self.provider.login(self.session, self.url, username)
        assert url.startswith(self.redirect_uri + "?"), url
        return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}

    def code(self, username):
        answer = self.callback(username)
        assert answer["state"] == self.state
        return answer["code"]

    def exchange(self, code, *, verifier=True, secret=None):
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
        }
        if verifier:
            data["code_verifier"] = self.verifier
        return requests.post(
            self.provider.discovery["token_endpoint"],
            data=data,
            auth=(self.provider.client_id, secret or self.provider.client_secret),
            timeout=10,
        )

    def tokens(self, username):
        response = self.exchange(self.code(username))
        assert response.status_code == 200, response.text
        return response.json()


def _jwks(provider):
    return requests.get(provider.discovery["jwks_uri"], timeout=10).json()


def _verified_claims(provider, id_token):
    """The ID token's header and claims once its RS256 signature verifies against the JWKS
    (jwcrypto; no claim checked here: the quirk tokens are signed as well as any)."""
    keys = jwk.JWKSet.from_json(json.dumps(_jwks(provider)))
    token = jwt.JWT(jwt=id_token, key=keys, algs=["RS256"], check_claims=False)
    header = json.loads(token.header)
    return header, json.loads(token.claims)


def _client_checks(provider, flow, header, claims, access_token, options=None):
    """The checks Authlib's OpenID client makes of an ID token (issuer, audience through
    azp, exp and iat with its leeway, nonce, at_hash), plus `options`."""
    id_token = CodeIDToken(
        claims,
        header,
        {"iss": {"values": [provider.issuer]}, **(options or {})},
        {"nonce": flow.nonce, "client_id": provider.client_id, "access_token": access_token},
    )
    id_token.validate(leeway=LEEWAY)


def test_discovery_advertises_pkce_s256_jwks_scopes_claims_and_logout(oidc_provider):
    document = requests.get(oidc_provider.discovery_url, timeout=10).json()
    base = oidc_provider.base_url
    assert oidc_provider.discovery_url == f"{base}/o/.well-known/openid-configuration"
    assert document["issuer"] == oidc_provider.issuer == f"{base}/o"
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["response_types_supported"] == ["code"]
    assert document["jwks_uri"] == f"{base}/o/.well-known/jwks.json"
    assert document["end_session_endpoint"] == f"{base}/o/logout/"
    assert "RS256" in document["id_token_signing_alg_values_supported"]
    assert {"openid", "profile", "email", "phone", "citizen"} <= set(document["scopes_supported"])
    assert {"sub", *CLAIMS} <= set(document["claims_supported"])

    keys = _jwks(oidc_provider)["keys"]
    assert [(key["kty"], key["alg"], key["use"]) for key in keys] == [("RSA", "RS256", "sig")]
    assert "d" not in keys[0]  # the public half only


def test_code_flow_with_pkce_gives_a_signed_id_token_with_the_citizens_claims(oidc_provider):
    flow = Flow(oidc_provider)
    tokens = flow.tokens(oidc_provider.normal_user)
    header, claims = _verified_claims(oidc_provider, tokens["id_token"])
    _client_checks(oidc_provider, flow, header, claims, tokens["access_token"])

    keys = _jwks(oidc_provider)["keys"]
    assert header["alg"] == "RS256" and header["kid"] == keys[0]["kid"]
    expected = oidc_provider.citizens["dan1"]
    assert {key: claims[key] for key in ("sub", *CLAIMS)} == expected
    assert expected["citizen_id"] == "031085012345" and expected["birthdate"] == "1985-03-14"
    assert claims["nonce"] == flow.nonce
    assert claims["aud"] == oidc_provider.client_id
    assert claims["iss"] == oidc_provider.issuer
    assert claims["iat"] <= time.time() + LEEWAY < claims["exp"] + LEEWAY

    userinfo = requests.get(
        oidc_provider.discovery["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=10,
    )
    assert userinfo.status_code == 200
    assert userinfo.json() == expected


def test_claims_follow_the_granted_scopes(oidc_provider):
    flow = Flow(oidc_provider, scope="openid profile")
    tokens = flow.tokens(oidc_provider.second_user)
    _header, claims = _verified_claims(oidc_provider, tokens["id_token"])
    citizen = oidc_provider.citizens["dan2"]
    assert (claims["name"], claims["birthdate"]) == (citizen["name"], citizen["birthdate"])
    assert not {"email", "phone_number", "citizen_id"} & set(claims)


def test_wrong_nonce_citizen_gets_an_id_token_with_another_nonce(oidc_provider):
    flow = Flow(oidc_provider)
    tokens = flow.tokens(oidc_provider.wrong_nonce_user)
    header, claims = _verified_claims(oidc_provider, tokens["id_token"])
    assert claims["nonce"] and claims["nonce"] != flow.nonce
    with pytest.raises(InvalidClaimError, match="nonce"):
        _client_checks(oidc_provider, flow, header, claims, tokens["access_token"])
    _client_checks(
        oidc_provider, flow, header, {**claims, "nonce": flow.nonce}, tokens["access_token"]
    )


def test_expired_citizen_gets_an_id_token_that_expired_long_ago(oidc_provider):
    flow = Flow(oidc_provider)
    tokens = flow.tokens(oidc_provider.expired_user)
    header, claims = _verified_claims(oidc_provider, tokens["id_token"])
    now = time.time()
    assert now - 2 * 3600 - 60 < claims["iat"] < now - 2 * 3600 + 60
    assert claims["exp"] < now - 3600
    assert claims["auth_time"] <= claims["iat"] < claims["exp"]
    with pytest.raises(ExpiredTokenError):
        _client_checks(oidc_provider, flow, header, claims, tokens["access_token"])
    assert claims["nonce"] == flow.nonce  # only the time is wrong


def test_no_citizen_id_citizen_is_released_without_the_claim(oidc_provider):
    flow = Flow(oidc_provider)
    tokens = flow.tokens(oidc_provider.no_citizen_id_user)
    header, claims = _verified_claims(oidc_provider, tokens["id_token"])
    assert "citizen_id" not in claims
    assert "citizen_id" not in oidc_provider.citizens["thieu-cccd"]
    assert {"name", "birthdate", "phone_number", "email"} <= set(claims)
    _client_checks(oidc_provider, flow, header, claims, tokens["access_token"])
    with pytest.raises(MissingClaimError, match="citizen_id"):
        _client_checks(
            oidc_provider,
            flow,
            header,
            claims,
            tokens["access_token"],
            {"citizen_id": {"essential": True}},
        )
    userinfo = requests.get(
        oidc_provider.discovery["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=10,
    ).json()
    assert "citizen_id" not in userinfo and userinfo["sub"] == claims["sub"]


def test_token_request_without_the_code_verifier_is_refused(oidc_provider):
    flow = Flow(oidc_provider)
    code = flow.code(oidc_provider.normal_user)
    response = flow.exchange(code, verifier=False)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert "id_token" not in response.json()

    flow.verifier = _pkce()[0]
    response = flow.exchange(code)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_authorization_request_without_pkce_is_refused(oidc_provider):
    flow = Flow(oidc_provider, pkce=False)
    answer = flow.callback(oidc_provider.normal_user)
    assert answer["error"] == "invalid_request"
    assert answer["state"] == flow.state
    assert "code" not in answer


def test_a_code_is_good_once_and_for_its_client_secret_only(oidc_provider):
    flow = Flow(oidc_provider)
    code = flow.code(oidc_provider.normal_user)
    refused = flow.exchange(code, secret="not-the-secret")
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    assert flow.exchange(code).status_code == 200
    again = flow.exchange(code)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_cancel_returns_access_denied_with_the_state(oidc_provider):
    flow = Flow(oidc_provider)
    url = oidc_provider.cancel(flow.session, flow.url)
    assert url.startswith(oidc_provider.redirect_uri + "?")
    answer = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert answer["error"] == "access_denied"
    assert answer["state"] == flow.state
    assert "code" not in answer


def test_cancel_never_sends_the_browser_to_an_unregistered_uri(oidc_provider):
    flow = Flow(oidc_provider, redirect_uri="http://attacker.example/xong/")
    with pytest.raises(ProviderError, match="400"):
        oidc_provider.cancel(flow.session, flow.url)


def test_wrong_password_is_refused_on_the_page(oidc_provider):
    flow = Flow(oidc_provider)
    with pytest.raises(ProviderError, match="Sai tên đăng nhập hoặc mật khẩu"):
        oidc_provider.login(flow.session, flow.url, "dan1", password="sai-mat-khau")


def test_log_in_page_is_marked_as_a_development_provider(oidc_provider):
    page = requests.get(f"{oidc_provider.base_url}/dang-nhap/", timeout=10).text
    assert "Nhà cung cấp định danh THỬ NGHIỆM" in page
    assert "không phải VNeID" in page
    assert oidc_provider.password in page
    for username in oidc_provider.citizens:
        assert f"<code>{username}</code>" in page
    assert 'value="cancel"' in page and "Huỷ" in page


def test_more_redirect_uris_can_be_allowed(oidc_provider):
    uri = "http://localhost:8765/tai-khoan/dang-nhap/xong/"
    refused = Flow(oidc_provider, redirect_uri=uri)
    with pytest.raises(ProviderError, match="400"):
        oidc_provider.login(refused.session, refused.url, "dan1")

    oidc_provider.allow_redirect(uri)
    flow = Flow(oidc_provider, redirect_uri=uri)
    tokens = flow.tokens(oidc_provider.normal_user)
    assert _verified_claims(oidc_provider, tokens["id_token"])[1]["nonce"] == flow.nonce
    assert oidc_provider.redirect_uri in oidc_provider.redirect_uris


def test_rp_initiated_logout_ends_the_provider_session(oidc_provider):
    flow = Flow(oidc_provider)
    tokens = flow.tokens(oidc_provider.normal_user)
    logout = flow.session.get(
        oidc_provider.discovery["end_session_endpoint"],
        params={
            "id_token_hint": tokens["id_token"],
            "post_logout_redirect_uri": oidc_provider.post_logout_redirect_uri,
            "state": "sau-dang-xuat",
        },
        allow_redirects=False,
    )
    assert logout.status_code == 302
    assert logout.headers["Location"] == "http://testserver/?state=sau-dang-xuat"
    # Signed out: the next authorization request asks for the log-in again.
    again = flow.session.get(Flow(oidc_provider).url, allow_redirects=False)
    assert again.status_code == 302
    assert urlsplit(again.headers["Location"]).path == "/dang-nhap/"

    unknown = flow.session.get(
        oidc_provider.discovery["end_session_endpoint"],
        params={
            "id_token_hint": tokens["id_token"],
            "post_logout_redirect_uri": "http://attacker.example/",
        },
        allow_redirects=False,
    )
    assert unknown.status_code == 400


def test_demo_citizens_pass_the_portals_own_checks(oidc_provider):
    """What the provider releases is what the portal accepts from VNeID."""
    from procedures.constants import Sex
    from procedures.validators import (
        check_id_number_matches,
        clean_person_name,
        normalise_id_number,
        normalise_mobile,
    )

    assert set(oidc_provider.citizens) == {"dan1", "dan2", "nonce-sai", "het-han", "thieu-cccd"}
    for username, claims in oidc_provider.citizens.items():
        assert clean_person_name(claims["name"]) == claims["name"], username
        assert "Thử" in claims["name"], username  # visibly test data
        assert normalise_mobile(claims["phone_number"]).startswith("+84"), username
        assert claims["email"].endswith("@example.com"), username
        birth_date = dt.date.fromisoformat(claims["birthdate"])
        if "citizen_id" in claims:
            number = normalise_id_number(claims["citizen_id"])
            assert number.startswith("031"), username  # Hải Phòng
            sex = Sex.FEMALE if int(number[3]) % 2 else Sex.MALE
            check_id_number_matches(number, birth_date, sex)
    assert oidc_provider.quirks == {
        "dan1": "",
        "dan2": "",
        "nonce-sai": "wrong-nonce",
        "het-han": "expired",
        "thieu-cccd": "no-citizen-id",
    }
