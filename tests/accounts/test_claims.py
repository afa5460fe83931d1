"""The provider's claims turned into the identity the portal trusts."""

import datetime

import pytest

from accounts.oidc import ClaimError, discovery_url, enabled, identity_from_claims

CLAIMS = {
    "sub": "42",
    "citizen_id": "031 090 001 234",
    "name": "  nguyễn   văn an ",
    "birthdate": "1990-05-17",
    "phone_number": "0912 345 678",
    "email": "an@example.com",
}


def test_claims_make_an_identity():
    identity = identity_from_claims(CLAIMS, "http://idp.example")
    assert identity.subject == "42"
    assert identity.citizen_id == "031090001234"
    assert identity.full_name == "Nguyễn Văn An"
    assert identity.birth_date == datetime.date(1990, 5, 17)
    assert identity.phone == "+84912345678"
    assert identity.email == "an@example.com"
    assert identity.issuer == "http://idp.example"


@pytest.mark.parametrize(
    ("missing", "claim"),
    [("citizen_id", "citizen_id"), ("name", "name"), ("birthdate", "birthdate"), ("sub", "sub")],
)
def test_a_missing_needed_claim_is_refused(missing, claim):
    claims = {k: v for k, v in CLAIMS.items() if k != missing}
    with pytest.raises(ClaimError) as exc:
        identity_from_claims(claims, "http://idp.example")
    assert exc.value.claim == claim


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("citizen_id", "12345"),
        ("citizen_id", "０３１０９０００１２３４"),
        ("birthdate", "17/05/1990"),
    ],
)
def test_an_unusable_needed_claim_is_refused(name, value):
    with pytest.raises(ClaimError):
        identity_from_claims({**CLAIMS, name: value}, "http://idp.example")


def test_phone_and_email_are_optional_and_dropped_when_unusable():
    identity = identity_from_claims(
        {**CLAIMS, "phone_number": "024 3825 1234", "email": "khong-hop-le"}, "i"
    )
    assert identity.phone == ""
    assert identity.email == ""
    identity = identity_from_claims(
        {k: v for k, v in CLAIMS.items() if k not in ("phone_number", "email")}, "i"
    )
    assert (identity.phone, identity.email) == ("", "")


def test_claim_names_come_from_settings(settings):
    settings.OIDC_CLAIM_CITIZEN_ID = "so_dinh_danh"
    claims = {**CLAIMS, "so_dinh_danh": CLAIMS["citizen_id"]}
    del claims["citizen_id"]
    assert identity_from_claims(claims, "i").citizen_id == "031090001234"


def test_enabled_needs_a_provider_and_a_client(settings):
    settings.OIDC_DISCOVERY_URL = ""
    settings.OIDC_ISSUER = ""
    settings.OIDC_CLIENT_ID = "x"
    assert not enabled()
    settings.OIDC_ISSUER = "https://idp.example/"
    assert discovery_url() == "https://idp.example/.well-known/openid-configuration"
    assert enabled()
    settings.OIDC_CLIENT_ID = ""
    assert not enabled()


def test_the_log_out_form_may_post_on_to_the_provider():
    """The log-out is a POST redirected to the provider's end-session page: CSP's
    form-action allows the provider's origin (settings: OIDC_FORM_ACTION_ORIGINS)."""
    from anphong.settings.env import origin_of

    assert (
        origin_of("https://sso.example.vn:8443/.well-known/x?y=1") == "https://sso.example.vn:8443"
    )
    assert origin_of("") == ""
    assert origin_of("not a url") == ""
