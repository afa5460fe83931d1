"""Remove residents' files that no row references: abandoned uploads and crash leftovers.

Staged uploads (tmp/) older than DOSSIER_ORPHAN_MAX_AGE_HOURS belong to forms never
submitted; final files (dossiers/) without a DossierDocument row are what a crash between
writing a file and committing its row leaves. Files younger than the limit are kept: they
may belong to a form or a transaction in progress. Run it hourly (cron/systemd timer).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.maintenance import LockBusy, maintenance_lock
from procedures.models import DossierDocument
from procedures.storage import FINAL_PREFIX, TMP_PREFIX, private_storage


def _walk(root):
    if not private_storage.exists(root):
        return
    dirs, files = private_storage.listdir(root)
    for name in files:
        yield f"{root}/{name}"
    for d in dirs:
        yield from _walk(f"{root}/{d}")


class Command(BaseCommand):
    help = "Delete private files that no dossier references (older than the orphan age)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, do not delete.")
        parser.add_argument(
            "--lock-wait",
            type=float,
            default=0,
            help="Seconds to wait for a running backup or restore (default: skip this run).",
        )

    def handle(self, *args, dry_run=False, lock_wait=0, **options):
        # Not while a backup reads the files or a restore puts them back (portal.backup):
        # an older database there would make newer files look like orphans.
        try:
            with maintenance_lock(exclusive=False, wait=lock_wait):
                self.sweep(dry_run)
        except LockBusy as exc:
            self.stderr.write(f"Skipped: {exc}")

    def sweep(self, dry_run):
        cutoff = timezone.now() - datetime.timedelta(hours=settings.DOSSIER_ORPHAN_MAX_AGE_HOURS)
        removed = 0
        for prefix in (TMP_PREFIX, FINAL_PREFIX):
            names = [n for n in _walk(prefix) if private_storage.get_modified_time(n) < cutoff]
            if prefix == FINAL_PREFIX and names:
                referenced = set(
                    DossierDocument.objects.filter(file__in=names).values_list("file", flat=True)
                )
                names = [n for n in names if n not in referenced]
            for name in names:
                if not dry_run:
                    private_storage.delete(name)
                removed += 1
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} {removed} orphan file(s).")
