"""Create the demo administrator once, printing its generated password that one time."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Ensure a demo superuser exists; its password is generated and printed once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Demo administrator '{username}' already exists; its password was printed "
                f"when it was created (reset it with: manage.py changepassword {username})."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS("Demo administrator created (shown once):"))
        self.stdout.write(f"  URL:      /quan-tri/\n  Username: {username}\n  Password: {password}")
