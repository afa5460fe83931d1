"""The maintenance lock: backup and restore run alone; the sweeper and the purge together.
Also what the retention purges share: batches, and the nightly command.

An flock(2) on a file under VAR_DIR, not a PostgreSQL advisory lock: it works the same on
SQLite, needs no database connection, and is released by the kernel when a process dies.
Everything it guards (the sweeper, the purge, backup, restore) works on the local upload
roots, so it runs on the host that holds VAR_DIR anyway. Backup and restore hold it
exclusively; the sweeper and the purge share it, so they do not block each other.
"""

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class LockBusy(Exception):
    """The lock is held by another job; the message says which and what to do."""


def lock_path():
    return Path(settings.VAR_DIR) / "maintenance.lock"


@contextmanager
def maintenance_lock(*, exclusive, wait=0.0):
    """Hold the maintenance lock; raise LockBusy if it is not free within `wait` seconds."""
    path = lock_path()
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except PermissionError:
        fd = os.open(path, os.O_RDONLY)  # flock needs no write access, only the file
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    deadline = time.monotonic() + max(wait, 0)
    try:
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockBusy(
                        f"A backup or restore holds {path}; try again when it has finished."
                    ) from None
                time.sleep(min(0.5, max(deadline - time.monotonic(), 0.01)))
        yield
    finally:
        os.close(fd)  # also releases the lock


def purge_in_batches(due, anonymise, *, now=None, batch=500):
    """Anonymise every row `due()` returns, `batch` at a time; return how many.

    `due()` is asked again after each batch (the rows done have left it);
    `anonymise(ids, now=now)` returns how many it changed. Used by the retention purges of
    dossiers and of residents' reports.
    """
    total = 0
    while True:
        ids = list(due().values_list("pk", flat=True)[:batch])
        if not ids:
            return total
        total += anonymise(ids, now=now)


class PurgeCommand(BaseCommand):
    """A nightly retention purge: `--days`, `--dry-run`, and never during a backup.

    Subclasses set `setting` (the period's name), `noun` (what is purged, in Vietnamese)
    and `retention` (a module with `due_for_purge(days=…)` and `purge(days=…)`).
    """

    setting = ""
    noun = ""
    retention = None

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Thời hạn lưu (ngày); mặc định theo {self.setting}.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không thay đổi.")
        parser.add_argument(
            "--lock-wait",
            type=float,
            default=0,
            help="Số giây chờ khi đang sao lưu/khôi phục (mặc định: bỏ qua lần chạy này).",
        )

    def handle(self, *args, days, dry_run, lock_wait=0, **options):
        # Not during a backup (the archive would hold files whose rows are already blank)
        # nor a restore (which runs the same purge itself once the data are back).
        try:
            with maintenance_lock(exclusive=False, wait=lock_wait):
                if dry_run:
                    count = self.retention.due_for_purge(days=days).count()
                    self.stdout.write(f"{count} {self.noun} sẽ được ẩn danh.")
                    return
                count = self.retention.purge(days=days)
                self.stdout.write(self.style.SUCCESS(f"Đã ẩn danh {count} {self.noun}."))
        except LockBusy as exc:
            self.stderr.write(f"Bỏ qua / Skipped: {exc}")
