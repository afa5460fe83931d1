"""Writes of the accounts app: the account from a provider's identity, phone proofs."""

import hashlib
import hmac
import secrets
import time
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ProvenPhone, ResidentAccount
from notifications.sms import send_sms


def account_for(identity, provider_name):
    """The resident's account for this provider identity, made or refreshed; never staff."""
    fields = {
        "citizen_id": identity.citizen_id,
        "full_name": identity.full_name,
        "birth_date": identity.birth_date,
        "phone": identity.phone,
        "email": identity.email,
        "provider_name": provider_name,
        "verified_at": timezone.now(),
    }
    for _attempt in range(2):
        account = (
            ResidentAccount.objects.select_related("user")
            .filter(issuer=identity.issuer, subject=identity.subject)
            .first()
        )
        if account is not None:
            for name, value in fields.items():
                setattr(account, name, value)
            account.save(update_fields=list(fields))
            return account
        try:
            with transaction.atomic():
                user = get_user_model()(username=f"cd-{uuid.uuid4().hex[:24]}")
                user.set_unusable_password()
                user.save()
                return ResidentAccount.objects.create(
                    user=user, issuer=identity.issuer, subject=identity.subject, **fields
                )
        except IntegrityError:
            # A first log-in racing itself (two tabs): the other one made the account.
            continue
    raise IntegrityError("resident account could not be made")


# One-time codes proving a phone. The code lives in the resident's session, as an HMAC:
# neither the session store nor a log holds it in clear.
CODE_KEY = "accounts:phone_code"
CODE_DIGITS = 6


def _digest(phone, code):
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{phone}:{code}".encode(), hashlib.sha256
    ).hexdigest()


def send_phone_code(session, phone):
    """Text a fresh code to `phone` and remember it in `session` (SmsError if refused)."""
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    minutes = settings.ACCOUNT_PHONE_CODE_SECONDS // 60
    send_sms(
        phone,
        _(
            "Mã xác minh số điện thoại tại Cổng thông tin phường An Phong: %(code)s "
            "(hiệu lực %(m)s phút). Không đưa mã này cho ai."
        )
        % {"code": code, "m": minutes},
    )
    session[CODE_KEY] = {
        "phone": phone,
        "digest": _digest(phone, code),
        "expires": time.time() + settings.ACCOUNT_PHONE_CODE_SECONDS,
        "attempts": 0,
    }


def check_phone_code(session, account, code):
    """Prove the phone if `code` is right; return (proven phone or None, reason code)."""
    pending = session.get(CODE_KEY)
    if not pending:
        return None, "none"
    if time.time() > pending["expires"]:
        session.pop(CODE_KEY, None)
        return None, "expired"
    if pending["attempts"] >= settings.ACCOUNT_PHONE_CODE_ATTEMPTS:
        session.pop(CODE_KEY, None)
        return None, "attempts"
    if not hmac.compare_digest(pending["digest"], _digest(pending["phone"], code)):
        session[CODE_KEY] = {**pending, "attempts": pending["attempts"] + 1}
        return None, "wrong"
    session.pop(CODE_KEY, None)
    ProvenPhone.objects.get_or_create(account=account, phone=pending["phone"])
    return pending["phone"], "ok"
