"""The second factor of staff log-in: who needs it, the devices behind it, and its gate.

Every staff account that can see residents' data confirms each session with a time-based
code from an authenticator app (RFC 6238, django-otp's TOTP device) or with one of ten
recovery codes (a static device), each good once. Enrolment, a reset by a superuser, a new
set of recovery codes and every recovery code used are audited (staff.audit).

A wrong code slows the next tries down on that device (django-otp's throttling: 1, 2, 4, 8…
seconds), which is what stops guessing six digits; the password in front of it is already
behind django-axes' lockout.
"""

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django.db import transaction
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.audit import AuditAction, audit

# The apps whose records hold residents' data (dossiers, reports, the messages sent to
# residents): any permission there, whatever its action, means the codes are required.
RESIDENT_DATA_APPS = frozenset({"procedures", "feedback", "notifications"})
# Outside those apps: the audit log names the dossiers and reports staff opened.
RESIDENT_DATA_PERMISSIONS = frozenset({"staff.view_auditentry"})
RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def requires_otp(user):
    """Whether `user` must confirm his log-in with a code: he can see residents' data."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return any(
        perm in RESIDENT_DATA_PERMISSIONS or perm.partition(".")[0] in RESIDENT_DATA_APPS
        for perm in user.get_all_permissions()
    )


def app_device(user):
    """The user's confirmed authenticator-app device, or None before enrolment."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def must_verify(user):
    """Whether `user` is asked for a code: required, or enrolled of his own will."""
    return requires_otp(user) or TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_device(user):
    """The device being enrolled: the same one until it is confirmed, so the QR code already
    scanned stays good when the page is opened again."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_text(device):
    """The device's key as an authenticator app takes it typed in: base32, in groups of 4."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device):
    """The device's otpauth:// URL as an inline SVG QR code (no script, no style: CSP)."""
    # Dark modules on white whatever the admin's colour theme: phones read that best.
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=4, light="#fff")


def locked_until(device):
    """When `device` accepts a code again after wrong ones, or None if it does now."""
    allowed, data = device.verify_is_allowed()
    return None if allowed else (data or {}).get("locked_until")


def verify_session(request, device):
    """Mark the session as confirmed by `device`, under a new session key."""
    django_otp.login(request, device)
    # The session now carries more rights: a key seen before this point no longer opens it.
    request.session.cycle_key()


def _issue_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT fresh ones and return them.

    The device itself is kept, so a session confirmed with a recovery code stays confirmed.
    """
    devices = StaticDevice.objects.filter(user=user).order_by("pk")
    device = devices.first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    devices.exclude(pk=device.pk).delete()
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def confirm_enrolment(request, device, code):
    """Confirm `device` with the first `code` the app shows, and verify the session.

    Returns the fresh recovery codes (to be shown once), or None if the code is wrong.
    """
    user = request.user
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if device.confirmed or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Half-finished enrolments from other tabs or earlier visits are dropped.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _issue_recovery_codes(user)
    audit(
        actor=user,
        action=AuditAction.OTP_ENROL,
        target=user,
        officer=user.get_username(),
        recovery_codes=len(codes),
    )
    verify_session(request, device)
    return codes


def normalise_code(code):
    """What was typed, without the spaces and dashes people add when copying codes."""
    return "".join(code.split()).replace("-", "").lower()


def check_code(request, code):
    """Verify the session with an app code (6 digits) or a recovery code (anything else).

    Returns (accepted, locked_until): whether the code was good, and when a device slowed
    down by wrong codes takes one again (None if it is not slowed down).
    """
    user = request.user
    code = normalise_code(code)
    is_app_code = code.isdigit() and len(code) == 6
    model = TOTPDevice if is_app_code else StaticDevice
    for device in model.objects.devices_for_user(user, confirmed=True).order_by("pk"):
        until = locked_until(device)
        if until is not None:
            return False, until
        # Locks the device's row while the code is checked (and a recovery code deleted).
        with transaction.atomic():
            accepted = django_otp.verify_token(user, device.persistent_id, code)
            if accepted is not None and not is_app_code:
                audit(
                    actor=user,
                    action=AuditAction.OTP_RECOVERY,
                    target=user,
                    officer=user.get_username(),
                    recovery_codes_left=recovery_codes_left(user),
                )
        if accepted is not None:
            verify_session(request, accepted)
            return True, None
    return False, None


@transaction.atomic
def regenerate_recovery_codes(user, *, actor):
    """Give `user` a new set of recovery codes (the old ones stop working); audited with
    `actor`, the user himself on his page or None for a command."""
    codes = _issue_recovery_codes(user)
    audit(
        actor=actor,
        action=AuditAction.OTP_CODES,
        target=user,
        officer=user.get_username(),
        recovery_codes=len(codes),
    )
    return codes


@transaction.atomic
def provision(user):
    """Enrol `user` without a first code from his app, for an account whose secret is handed
    over outside the pages (the demo administrator's, printed by ensure_demo_admin).

    Returns the confirmed device and the recovery codes; audited as the system's enrolment.
    """
    device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
    codes = _issue_recovery_codes(user)
    audit(
        actor=None,
        action=AuditAction.OTP_ENROL,
        target=user,
        officer=user.get_username(),
        recovery_codes=len(codes),
    )
    return device, codes


def recovery_codes(user):
    """The user's unused recovery codes (for the demo's printout: the pages show them once)."""
    return list(
        StaticToken.objects.filter(device__user=user, device__confirmed=True)
        .order_by("pk")
        .values_list("token", flat=True)
    )


@transaction.atomic
def reset_devices(*, actor, user):
    """Delete `user`'s app and recovery devices: he enrols again at his next log-in; audited."""
    app_devices = TOTPDevice.objects.filter(user=user)
    recovery_devices = StaticDevice.objects.filter(user=user)
    had_app = app_devices.filter(confirmed=True).exists()
    app_devices.delete()
    recovery_devices.delete()
    audit(
        actor=actor,
        action=AuditAction.OTP_RESET,
        target=user,
        officer=user.get_username(),
        was_enrolled=had_app,
    )


def otp_url(name, next_url):
    """The address of code page `name` that comes back to `next_url` when done."""
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class OTPRequiredMiddleware:
    """Send a staff user who must confirm his log-in with a code, and has not yet in this
    session, to the code pages before any admin page: enrolment if he has no app device,
    the code page otherwise. Log-in, log-out and the code pages themselves stay open.

    After django_otp's OTPMiddleware (user.is_verified()) and the idle timeout; public pages
    are let through before the session or the user is even looked at.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.gate(request) or self.get_response(request)

    @staticmethod
    def gate(request):
        path = request.path_info
        try:
            if not path.startswith(reverse("admin:index")):
                return None
            if path.startswith(reverse("staff:otp_settings")) or path in {
                reverse("admin:login"),
                reverse("admin:logout"),
            }:
                return None
        except NoReverseMatch:  # a test URLconf without the admin or these pages
            return None
        user = getattr(request, "user", None)
        if user is None or not (user.is_authenticated and user.is_active and user.is_staff):
            return None
        if user.is_verified() or not must_verify(user):
            return None
        name = "staff:otp_verify" if app_device(user) is not None else "staff:otp_enrol"
        return redirect(otp_url(name, request.get_full_path()))
