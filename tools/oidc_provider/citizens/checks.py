"""The provider cannot sign an ID token before `setup_provider` wrote its RSA key."""

from django.conf import settings
from django.core import checks


def signing_key_present(app_configs, **kwargs):
    if settings.OAUTH2_PROVIDER.get("OIDC_RSA_PRIVATE_KEY"):
        return []
    return [
        checks.Error(
            f"No RSA signing key at {settings.KEY_PATH}.",
            hint="Run `python -m tools.oidc_provider setup_provider ...` first (README.md).",
            id="citizens.E001",
        )
    ]
