"""The maintenance lock: backup and restore run alone; the sweeper and the purge together.

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
