"""Load the demo content: every fixture in fixtures/demo/, then each app's demo hook.

Idempotent: fixtures carry fixed primary keys and hooks use update_or_create, so a
second run changes nothing and creates no duplicates.
"""

from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"


class Command(BaseCommand):
    help = "Load the demo content (idempotent)."

    def handle(self, *args, **options):
        fixtures = sorted(DEMO_DIR.glob("*.json"))
        if fixtures:
            call_command("loaddata", *[str(f) for f in fixtures], verbosity=options["verbosity"])
        # Apps whose demo content cannot live in JSON (generated images) expose demo.load().
        for config in apps.get_app_configs():
            if not config.path.startswith(str(settings.BASE_DIR)):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
