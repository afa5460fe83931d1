"""Restore a backup_site archive: database, then files, then the retention purge again.

The order matters (deploy/BACKUP.md): files are restored against the restored database so
that those it does not know are set aside rather than swept, and the purge runs last so
that personal data purged since the backup stays purged.
"""

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from feedback import retention as feedback_retention
from portal import backup, restore
from portal.maintenance import LockBusy, maintenance_lock
from procedures import retention


class Command(BaseCommand):
    help = "Khôi phục bản sao lưu (ghi đè dữ liệu hiện có) / Restore a backup (overwrites)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gpg archive written by backup_site.")
        parser.add_argument("--yes", action="store_true", help="Overwrite without asking.")
        parser.add_argument(
            "--passphrase-file",
            default=os.environ.get("BACKUP_PASSPHRASE_FILE"),
            help="Passphrase file of a symmetric archive (default: $BACKUP_PASSPHRASE_FILE); "
            "a public-key archive needs the secret key in gpg's keyring.",
        )
        parser.add_argument(
            "--purge-days",
            type=int,
            default=None,
            help="Retention days for the purge re-applied after the restore (default: "
            "DOSSIER_RETENTION_DAYS); give the shortest --days ever passed to purge_dossiers.",
        )
        parser.add_argument("--lock-wait", type=float, default=600)

    def handle(self, *args, archive, yes, passphrase_file, purge_days, lock_wait, **options):
        if not Path(archive).is_file():
            raise CommandError(f"No such archive: {archive}")
        if not yes and not self.confirmed():
            raise CommandError("Not confirmed: nothing was changed (use --yes to skip asking).")
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        quarantine = Path(settings.VAR_DIR) / "restore-quarantine" / stamp
        try:
            with (
                maintenance_lock(exclusive=True, wait=lock_wait),
                tempfile.TemporaryDirectory(prefix="anphong-restore-") as folder,
            ):
                report = self.restore(
                    Path(folder), archive, passphrase_file, quarantine, purge_days
                )
        except (backup.BackupError, LockBusy) as exc:
            raise CommandError(str(exc)) from None
        self.summary(report, quarantine)

    def confirmed(self):
        if not sys.stdin.isatty():
            return False
        db = connection.settings_dict["NAME"]
        answer = input(f"Ghi đè cơ sở dữ liệu {db} và các tệp? / Overwrite {db} and files? ")
        return answer.strip().lower() in {"yes", "có", "co"}

    def restore(self, folder, archive, passphrase_file, quarantine, purge_days):
        # 1. Decrypt and check every checksum: until then nothing has been touched.
        manifest = restore.decrypt_to(archive, folder, passphrase_file=passphrase_file)
        restore.check_compatible(manifest)
        # 2. The database, then the migrations it lacks (an archive from an older release).
        restore.restore_database(folder, manifest)
        pending = restore.pending_migrations()
        if pending:
            call_command("migrate", interactive=False, verbosity=0)
        # 3. The files, against the restored database.
        restored, moved = restore.restore_files(folder, manifest, quarantine=quarantine)
        # 4. The retention purge again (the same code as purge_dossiers): what was purged
        # since the snapshot is due again, by date, and goes again.
        purged = retention.purge(days=purge_days)
        # Residents' reports past their own period (FEEDBACK_RETENTION_DAYS) go again too.
        purged += feedback_retention.purge()
        return {
            "manifest": manifest,
            "migrated": len(pending),
            "restored": restored,
            "quarantined": moved,
            "purged": purged,
        }

    def summary(self, report, quarantine):
        db = report["manifest"]["database"]
        lines = [
            "Đã khôi phục / Restored:",
            f"  cơ sở dữ liệu / database: {db['engine']}, snapshot {db['snapshot_at']}"
            + (f", {report['migrated']} migration(s) applied" if report["migrated"] else ""),
            f"  tệp / files: {len(report['manifest']['files'])} in the archive, "
            f"{report['restored']} written back",
            f"  ẩn danh lại / purged again: {report['purged']} dossier(s)",
        ]
        retention_start = timezone.now() - dt.timedelta(days=settings.DOSSIER_RETENTION_DAYS)
        if dt.datetime.fromisoformat(db["snapshot_at"]) < retention_start:
            lines.append(
                "  CẢNH BÁO / WARNING: the snapshot is older than DOSSIER_RETENTION_DAYS: "
                "dossiers still open then and purged since are back (deploy/BACKUP.md)."
            )
        if report["quarantined"]:
            lines.append(
                f"  CÁCH LY / QUARANTINED {len(report['quarantined'])} file(s) unknown to the "
                f"restored database, moved to {quarantine}:"
            )
            lines += [f"    {name}" for name in report["quarantined"][:50]]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
