"""Back up the database and both upload roots into one encrypted archive (deploy/BACKUP.md)."""

import os

from django.core.management.base import BaseCommand, CommandError

from portal import backup
from portal.maintenance import LockBusy, maintenance_lock


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp mã hóa / Back up the site, encrypted."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive path (default: $BACKUP_DIR or var/backups).")
        parser.add_argument(
            "--passphrase-file",
            default=os.environ.get("BACKUP_PASSPHRASE_FILE"),
            help="File whose first line is the passphrase (default: $BACKUP_PASSPHRASE_FILE).",
        )
        parser.add_argument(
            "--recipient",
            default=os.environ.get("BACKUP_GPG_RECIPIENT"),
            help="Encrypt to this gpg public key instead (default: $BACKUP_GPG_RECIPIENT).",
        )
        parser.add_argument(
            "--lock-wait",
            type=float,
            default=600,
            help="Seconds to wait for a running sweep or purge (default 600).",
        )

    def handle(self, *args, output, passphrase_file, recipient, lock_wait, **options):
        output = output or backup.default_output()
        try:
            backup.check_key(passphrase_file, recipient)
            if not recipient and (warning := backup.check_key_file_mode(passphrase_file)):
                self.stderr.write(warning)
            with maintenance_lock(exclusive=True, wait=lock_wait):
                manifest = backup.write_archive(
                    output, passphrase_file=passphrase_file, recipient=recipient
                )
        except (backup.BackupError, LockBusy) as exc:
            raise CommandError(str(exc)) from None
        files = manifest["files"]
        counts = {root: sum(1 for f in files if f["root"] == root) for root in backup.ROOTS}
        size = sum(f["size"] for f in files)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu / Backed up: {output}\n"
                f"  database {manifest['database']['engine']}, snapshot "
                f"{manifest['database']['snapshot_at']}\n"
                f"  files: {counts['media']} media + {counts['private']} private "
                f"({size} bytes), {manifest['referenced']} referenced by the database, "
                "all present"
            )
        )
