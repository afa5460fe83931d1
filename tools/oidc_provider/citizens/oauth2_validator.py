"""django-oauth-toolkit's validator, with the citizens' claims and their quirks.

The claims go into the ID token and the userinfo answer alike (DOT's get_additional_claims
with the request), each only when its scope was granted: `name` and `birthdate` with
`profile`, `email` with `email`, `phone_number` with `phone`, `citizen_id` with `citizen`.

The quirks make the ID token itself wrong, signed as any other, so the portal's client has
to notice: a nonce that is not the request's, an `exp` two hours gone, no `citizen_id`.
"""

import datetime as dt
import secrets

from django.utils import timezone
from oauth2_provider.oauth2_validators import OAuth2Validator

from tools.oidc_provider.citizens.models import Citizen, Quirk

# How long ago the "expired" citizen's ID token was issued, and how long it lived.
EXPIRED_ISSUED_AGO = dt.timedelta(hours=2)
EXPIRED_LIFETIME = dt.timedelta(minutes=10)


def _citizen(user):
    return Citizen.objects.filter(user=user).first()


class CitizenValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "citizen_id": "citizen"}

    def get_additional_claims(self, request):
        citizen = _citizen(request.user)
        # A provider user without a citizen record (a superuser made by hand): `sub` only.
        return citizen.claims() if citizen else {}

    def get_discovery_claims(self, request):
        return ["sub", "name", "birthdate", "phone_number", "email", "citizen_id"]

    def get_id_token_dictionary(self, token, token_handler, request):
        """The claims DOT merges over oauthlib's (aud, iat, nonce, at_hash) before signing."""
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        citizen = _citizen(request.user)
        quirk = citizen.quirk if citizen else Quirk.NONE
        if quirk == Quirk.WRONG_NONCE:
            # Never the request's nonce (present or not): a replayed or mixed-up token.
            claims["nonce"] = f"khong-phai-nonce-cua-ban-{secrets.token_urlsafe(12)}"
        elif quirk == Quirk.EXPIRED:
            issued = timezone.now() - EXPIRED_ISSUED_AGO
            expiration_time = issued + EXPIRED_LIFETIME
            claims["iat"] = int(issued.timestamp())
            claims["exp"] = int(expiration_time.timestamp())
            claims["auth_time"] = min(claims["auth_time"], claims["iat"])
        return claims, expiration_time
