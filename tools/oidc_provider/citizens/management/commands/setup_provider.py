"""Set up the development provider: database, signing key, one client, the demo citizens.

Idempotent: run it again with other options and the client is updated in place (its
redirect URIs become exactly the ones given), the demo citizens are reset to the data of
tools/oidc_provider/citizens/demo.py with the demo password.
"""

import json
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, call_command
from django.db import transaction
from oauth2_provider.models import get_application_model

from tools.oidc_provider.citizens.demo import CITIZENS, DEMO_PASSWORD
from tools.oidc_provider.citizens.models import Citizen

CLIENT_NAME = "Cổng thông tin phường An Phong (phát triển)"


def write_key_if_missing(path: Path) -> bool:
    """A 2048-bit RSA key, PKCS#8 PEM, readable by its owner only; False if one is there."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(pem)
    return True


class Command(BaseCommand):
    help = (
        "Migrate the provider's database, write its RSA key if missing, create or update "
        "the client and the demo citizens."
    )
    # The key check would refuse to run the very command that writes the key.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret", required=True)
        parser.add_argument(
            "--redirect-uri",
            action="append",
            required=True,
            dest="redirect_uris",
            help="an allowed redirect URI (repeat the option for several)",
        )
        parser.add_argument(
            "--post-logout-redirect-uri",
            action="append",
            default=[],
            dest="post_logout_redirect_uris",
            help="an allowed post-logout redirect URI (repeatable)",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="print the client and the citizens' claims as JSON (the test fixture reads it)",
        )

    def handle(self, *args, **options):
        quiet = options["json"] or options["verbosity"] == 0
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0 if quiet else options["verbosity"])
        if write_key_if_missing(settings.KEY_PATH) and not quiet:
            self.stdout.write(f"New RSA signing key: {settings.KEY_PATH}")
        with transaction.atomic():
            application = self._client(options)
            citizens = [self._citizen(data) for data in CITIZENS]
        if options["json"]:
            self.stdout.write(json.dumps(self._summary(application, citizens), indent=2))
        elif not quiet:
            self.stdout.write(
                f"Client {application.client_id}: redirect URIs {application.redirect_uris}; "
                f"post-logout {application.post_logout_redirect_uris or '(none)'}"
            )
            names = ", ".join(citizen.user.username for citizen in citizens)
            self.stdout.write(f"Demo citizens ({names}), password {DEMO_PASSWORD!r}.")

    def _client(self, options):
        Application = get_application_model()
        application = Application.objects.filter(client_id=options["client_id"]).first()
        if application is None:
            application = Application(client_id=options["client_id"])
        application.name = CLIENT_NAME
        application.client_type = Application.CLIENT_CONFIDENTIAL
        application.authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
        application.algorithm = Application.RS256_ALGORITHM
        application.skip_authorization = True
        application.hash_client_secret = True
        application.client_secret = options["client_secret"]
        application.redirect_uris = " ".join(dict.fromkeys(options["redirect_uris"]))
        application.post_logout_redirect_uris = " ".join(
            dict.fromkeys(options["post_logout_redirect_uris"])
        )
        application.save()
        return application

    def _citizen(self, data):
        data = dict(data)
        User = get_user_model()
        user, _created = User.objects.get_or_create(username=data.pop("username"))
        user.set_password(DEMO_PASSWORD)
        user.save()
        citizen = Citizen.objects.filter(user=user).first() or Citizen(user=user)
        for field, value in data.items():
            setattr(citizen, field, value)
        citizen.full_clean()
        citizen.save()
        return citizen

    def _summary(self, application, citizens):
        return {
            "client_id": application.client_id,
            "redirect_uris": application.redirect_uris.split(),
            "post_logout_redirect_uris": application.post_logout_redirect_uris.split(),
            "password": DEMO_PASSWORD,
            "citizens": {
                citizen.user.username: {
                    "quirk": citizen.quirk,
                    "claims": {"sub": str(citizen.user.pk), **citizen.claims()},
                }
                for citizen in citizens
            },
        }
