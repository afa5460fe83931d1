"""Load the demo content: every fixture in fixtures/demo/, then the generated content.

Idempotent: fixtures carry fixed primary keys and the loaders use update_or_create, so a
second run changes nothing and creates no duplicates.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo import appointments, disclosure, dossiers, feedback, news, reception
from demo import targets as target_values

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"


class Command(BaseCommand):
    help = "Load the demo content (idempotent)."

    def handle(self, *args, **options):
        fixtures = sorted(DEMO_DIR.glob("*.json"))
        call_command("loaddata", *[str(f) for f in fixtures], verbosity=options["verbosity"])
        # What cannot live in JSON: staff and dossiers moved through the real workflow,
        # articles with drawn pictures and generated PDFs.
        dossiers.load(stdout=self.stdout)
        feedback.load(stdout=self.stdout)
        news.load(stdout=self.stdout)
        disclosure.load(stdout=self.stdout)
        reception.load(stdout=self.stdout)
        appointments.load(stdout=self.stdout)
        target_values.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
