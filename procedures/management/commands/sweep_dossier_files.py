"""Remove residents' files that no row references: abandoned uploads and crash leftovers.

Staged uploads (tmp/) older than DOSSIER_ORPHAN_MAX_AGE_HOURS belong to forms never
submitted; final files (dossiers/) without a DossierDocument row are what a crash between
writing a file and committing its row leaves. Files younger than the limit are kept: they
may belong to a form or a transaction in progress; so are the staged files of forms saved
to finish later (procedures.drafts) while their link is open, however old. Drafts closed
more than a day ago are deleted here too. Run it hourly (cron/systemd timer).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.maintenance import LockBusy, maintenance_lock
from procedures import drafts
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
    help = (
        "Delete private files that no dossier or open saved form references (older than the "
        "orphan age), and saved forms closed more than a day ago."
    )

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
        now = timezone.now()
        cutoff = now - datetime.timedelta(hours=settings.DOSSIER_ORPHAN_MAX_AGE_HOURS)
        removed = 0
        closed = 0 if dry_run else drafts.purge_closed(now)
        saved = drafts.live_staged_names(now)
        for prefix in (TMP_PREFIX, FINAL_PREFIX):
            names = [n for n in _walk(prefix) if private_storage.get_modified_time(n) < cutoff]
            if prefix == TMP_PREFIX:
                names = [n for n in names if n not in saved]
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
        if closed:
            self.stdout.write(f"Deleted {closed} closed saved form(s).")
