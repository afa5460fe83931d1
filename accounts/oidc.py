"""The OpenID Connect client: the national e-identity (VNeID) or any provider, configured
only by environment (anphong/settings/base.py, "Residents' log-in").

Authlib does the protocol: the discovery document, the authorization code flow with PKCE
(S256), `state` and `nonce` kept in the session and checked on return, the ID token's
signature checked against the provider's JWKS, and its `iss`, `aud`, `exp`, `iat` and
`nonce` claims. This module only builds the client from settings and turns the provider's
claims into the identity the portal uses.
"""

import dataclasses
import datetime
import threading
import time

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from procedures.validators import clean_person_name, normalise_id_number, normalise_mobile

CLIENT_NAME = "eid"
# The provider's discovery document and keys are read again after this many seconds
# (a key rotation is picked up at once anyway: an unknown key id refetches the JWKS).
METADATA_TTL = 3600

_lock = threading.Lock()
# One Authlib client per configuration and hour. It caches only the provider's public
# metadata and keys, which are the same for every request; nothing of a request is kept.
_clients = {}


def enabled():
    """Whether residents can log in: a provider and a client are configured."""
    return bool(discovery_url() and settings.OIDC_CLIENT_ID)


def discovery_url():
    if settings.OIDC_DISCOVERY_URL:
        return settings.OIDC_DISCOVERY_URL
    if settings.OIDC_ISSUER:
        return settings.OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration"
    return ""


def client():
    key = (
        discovery_url(),
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_SCOPES,
        settings.OIDC_TIMEOUT,
        int(time.time() // METADATA_TTL),
    )
    with _lock:
        app = _clients.get(key)
        if app is None:
            app = OAuth().register(
                name=CLIENT_NAME,
                server_metadata_url=key[0],
                client_id=settings.OIDC_CLIENT_ID,
                client_secret=settings.OIDC_CLIENT_SECRET,
                client_kwargs={
                    "scope": settings.OIDC_SCOPES,
                    "code_challenge_method": "S256",
                    "default_timeout": settings.OIDC_TIMEOUT,
                },
            )
            _clients.clear()
            _clients[key] = app
        return app


class ClaimError(Exception):
    """The provider's answer lacks a claim the portal needs, or carries an unusable one."""

    def __init__(self, message, claim):
        super().__init__(message)
        self.message = message
        self.claim = claim


@dataclasses.dataclass(frozen=True)
class Identity:
    """What the provider vouches for: the applicant fields the form then does not ask."""

    issuer: str
    subject: str
    citizen_id: str
    full_name: str
    birth_date: datetime.date
    phone: str
    email: str


def _claim(claims, setting):
    value = claims.get(getattr(settings, setting))
    return value.strip() if isinstance(value, str) else value


def identity_from_claims(claims, issuer):
    """The Identity in `claims` (ID token, completed by userinfo); ClaimError if unusable."""
    subject = claims.get("sub")
    if not subject:
        raise ClaimError(_("thiếu mã người dùng (sub)"), "sub")
    raw_id = _claim(claims, "OIDC_CLAIM_CITIZEN_ID")
    if not raw_id:
        raise ClaimError(_("thiếu số định danh cá nhân"), settings.OIDC_CLAIM_CITIZEN_ID)
    try:
        citizen_id = normalise_id_number(str(raw_id))
    except ValidationError:
        raise ClaimError(
            _("số định danh cá nhân không hợp lệ"), settings.OIDC_CLAIM_CITIZEN_ID
        ) from None
    raw_name = _claim(claims, "OIDC_CLAIM_NAME")
    if not raw_name:
        raise ClaimError(_("thiếu họ và tên"), settings.OIDC_CLAIM_NAME)
    try:
        full_name = clean_person_name(raw_name)
    except ValidationError:
        raise ClaimError(_("họ và tên không hợp lệ"), settings.OIDC_CLAIM_NAME) from None
    raw_birth = _claim(claims, "OIDC_CLAIM_BIRTHDATE")
    if not raw_birth:
        raise ClaimError(_("thiếu ngày sinh"), settings.OIDC_CLAIM_BIRTHDATE)
    try:
        birth_date = datetime.date.fromisoformat(str(raw_birth))
    except ValueError:
        raise ClaimError(_("ngày sinh không hợp lệ"), settings.OIDC_CLAIM_BIRTHDATE) from None
    # Phone and e-mail are conveniences (the form is prefilled with them): a missing or
    # unusable one is left empty rather than refusing the log-in.
    phone = _claim(claims, "OIDC_CLAIM_PHONE") or ""
    try:
        phone = normalise_mobile(phone) if phone else ""
    except ValidationError:
        phone = ""
    email = _claim(claims, "OIDC_CLAIM_EMAIL") or ""
    return Identity(
        issuer=issuer,
        subject=str(subject),
        citizen_id=citizen_id,
        full_name=full_name,
        birth_date=birth_date,
        phone=phone,
        email=email if "@" in email else "",
    )
