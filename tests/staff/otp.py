"""Log-in codes in tests (staff.otp): an enrolled app, the code it shows, a verified session.

`client.force_login(user)` already passes the code step for staff (tests/conftest.py); these
are for the tests that go through it themselves.
"""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_device(user):
    """The user's confirmed authenticator-app device, created if he has none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def _totp(device, at):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at
    return totp


def current_code(device):
    """The code `device`'s app shows now, as its owner would type it.

    A code is taken once: if this step's code was used already, the next step's, which the
    device still accepts (one step of tolerance either way).
    """
    device.refresh_from_db()
    totp = _totp(device, time.time())
    if totp.t() <= device.last_t:
        totp = _totp(device, device.t0 + (device.last_t + 1) * device.step)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    """Six digits `device` refuses now: none of the codes of its window of tolerance."""
    now = time.time()
    window = {
        _totp(device, now + steps * device.step).token()
        for steps in range(-device.tolerance, device.tolerance + 1)
    }
    return next(f"{n:06d}" for n in range(123456, 10**6) if n not in window)


def pass_second_factor(client, user):
    """Mark `client`'s session as confirmed by `user`'s app (enrolled if needed), as after
    typing a good code. Staff only; returns the device, or None for anyone else."""
    if not (user.is_active and user.is_staff):
        return None
    device = app_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
