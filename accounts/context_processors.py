from accounts import oidc
from accounts.identity import resident_account


def account(request):
    """The header's log-in button (only with a provider) or the resident's name."""
    enabled = oidc.enabled()
    return {
        "resident_login_enabled": enabled,
        "signed_in_resident": resident_account(request) if enabled else None,
    }
