"""A signed-in resident without a provider round trip: the account as the log-in leaves it.

The log-in itself is tested against a real provider in test_login.py."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from accounts.models import ResidentAccount
from tests.procedures.conftest import procedure  # noqa: F401 - the online form's fixture
from tests.procedures.factories import VALID_ID, VALID_PHONE


@pytest.fixture
def oidc_on(settings):
    """A configured provider (never contacted by the tests that use only this)."""
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.OIDC_CLIENT_ID = "anphong"
    settings.OIDC_CLIENT_SECRET = "bi-mat"
    settings.OIDC_PROVIDER_NAME = "VNeID"
    return settings


def make_resident(citizen_id=VALID_ID, name="Nguyễn Văn An", subject="sub-1", **extra):
    user = get_user_model().objects.create(username=f"cd-{subject}")
    user.set_unusable_password()
    user.save()
    fields = {
        "issuer": "http://idp.example",
        "subject": subject,
        "provider_name": "VNeID",
        "citizen_id": citizen_id,
        "full_name": name,
        "birth_date": datetime.date(1990, 5, 17),
        "phone": VALID_PHONE,
        "email": "an@example.com",
        **extra,
    }
    return ResidentAccount.objects.create(user=user, **fields)


@pytest.fixture
def resident(db):
    return make_resident()


@pytest.fixture
def resident_client(client, resident, oidc_on):
    client.force_login(resident.user)
    return client


@pytest.fixture
def sms_outbox(settings):
    from notifications import sms

    settings.SMS_BACKEND = "notifications.sms.LocmemSmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()
