"""The signed-in resident, as the other apps see him."""

from accounts import oidc


def resident_account(request):
    """The ResidentAccount of the signed-in resident, or None (anonymous, staff)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.resident_account
    except AttributeError:  # no resident_account: a staff user (RelatedObjectDoesNotExist)
        return None


def verified_applicant(request):
    """The applicant fields the provider vouched for, or None: the form shows them fixed."""
    account = resident_account(request)
    if account is None or not oidc.enabled():
        return None
    return {
        "full_name": account.full_name,
        "id_number": account.citizen_id,
        "birth_date": account.birth_date,
        "phone": account.phone,
        "email": account.email,
    }


def dossier_identity_fields(request):
    """The fields a dossier sent by the signed-in resident records about his identity."""
    account = resident_account(request)
    if account is None or not oidc.enabled():
        return {}
    return {
        "resident": account.user,
        "identity_provider": account.provider_name,
        "identity_verified_at": account.verified_at,
    }
