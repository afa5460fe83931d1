"""Create the demo administrator once, printing its generated password that one time, and
give it log-in codes (staff.otp) whose secret is printed on every run: the demo only."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from staff import otp

# Recovery codes printed per run; a new set is made when fewer remain.
PRINTED_CODES = 3


class Command(BaseCommand):
    help = (
        "Ensure a demo superuser exists; its password is generated and printed once, its "
        "log-in code secret and a few recovery codes on every run (DEMO ONLY)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            self.stdout.write(
                f"Demo administrator '{username}' already exists; its password was printed "
                f"when it was created (reset it with: manage.py changepassword {username})."
            )
        else:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_superuser(username=username, email="", password=password)
            self.stdout.write(self.style.SUCCESS("Demo administrator created (shown once):"))
            self.stdout.write(
                f"  URL:      /quan-tri/\n  Username: {username}\n  Password: {password}"
            )
        self.print_codes(user)

    def print_codes(self, user):
        """The second log-in step: the app's secret, and recovery codes for who has no app."""
        device = otp.app_device(user)
        if device is None:
            device, _codes = otp.provision(user)
        codes = otp.recovery_codes(user)
        if len(codes) < PRINTED_CODES:
            codes = otp.regenerate_recovery_codes(user, actor=None)
        warning = self.style.WARNING
        self.stdout.write(warning("Log-in codes of the demo administrator (DEMO ONLY):"))
        self.stdout.write(
            f"  After the password the admin asks for a code: add this secret to an "
            f"authenticator app\n  (or run `oathtool --totp -b <secret>`), or type one of "
            f"the recovery codes (each works once).\n"
            f"  Secret (base32): {otp.secret_text(device).replace(' ', '')}\n"
            f"  otpauth URL:     {device.config_url}\n"
            f"  Recovery codes:  {', '.join(codes[:PRINTED_CODES])}"
        )
        self.stdout.write(
            warning("  DEMO ONLY: never print or share a real account's secret or codes.")
        )
