"""Backup and restore of the whole site: the database and both upload roots, encrypted.

An archive is a tar stream that only ever exists encrypted on disk (piped through gpg):
``database/part-NNNN`` (the dump, in chunks held in memory so no plaintext copy touches
the disk), ``files/media/…`` and ``files/private/…``, and ``manifest.json`` last (paths,
sizes, SHA-256, the snapshot's time, engine and migration state). deploy/BACKUP.md tells
the operator's side; `backup_site` and `restore_site` are the commands.

Order: the database snapshot comes first, then the files. Files are immutable once
written and written before their row commits, so every file the snapshot references is
already on disk when the files are read; the backup checks it.
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import time
import tomllib
from contextlib import suppress
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
CHUNK = 16 * 1024 * 1024  # bytes of dump per tar member, held in memory at most once
ROOTS = ("media", "private")


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


# --- what the database references -------------------------------------------------------


def root_paths():
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def file_fields():
    """(model, field, root) for every FileField/ImageField of every installed model."""
    roots = {str(p.resolve()): name for name, p in root_paths().items()}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                location = str(Path(field.storage.location).resolve())
                yield model, field, roots.get(location, "media")


def referenced_files(cursor, quote):
    """{(root, name)} of every file a row names, read through `cursor` (a snapshot)."""
    found = set()
    for model, field, root in file_fields():
        column, table = quote(field.column), quote(model._meta.db_table)
        cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608
        found.update((root, name) for (name,) in cursor.fetchall() if name)
    return found


def migration_state():
    """{app: sorted migration names} applied in the current database."""
    applied = MigrationRecorder(connection).applied_migrations()
    state = {}
    for app, name in applied:
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def engine():
    return connection.vendor  # "postgresql" or "sqlite"


def program(name):
    """The absolute path of a tool the backup runs, or a BackupError saying it is missing."""
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (or not on PATH).")
    return path


def pg_args_env(name):
    """The command line and environment for pg_dump/pg_restore: never a password in argv."""
    db = connection.settings_dict
    args = [program(name), "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{option}={db[key]}")
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return args, env, db["NAME"]


# --- encryption -------------------------------------------------------------------------


def gpg_base(passphrase_file=None):
    args = [program("gpg"), "--batch", "--no-tty", "--quiet", "--pinentry-mode", "loopback"]
    if passphrase_file:
        # --no-symkey-cache: the agent must not remember the passphrase (a wrong one must
        # fail, and nothing lingers in memory after the run).
        args += ["--no-symkey-cache", "--passphrase-file", str(passphrase_file)]
    return args


def check_key(passphrase_file, recipient):
    program("gpg")
    if recipient:
        return
    if not passphrase_file:
        raise BackupError(
            "No passphrase file (BACKUP_PASSPHRASE_FILE or --passphrase-file) and no "
            "--recipient: refusing to write an unencrypted backup."
        )
    path = Path(passphrase_file)
    if not path.is_file() or not path.read_text().strip():
        raise BackupError(f"Passphrase file {path} is missing or empty.")


def check_key_file_mode(passphrase_file):
    """A warning when others may read the passphrase file, else None."""
    if passphrase_file and Path(passphrase_file).stat().st_mode & 0o077:
        return f"Warning: {passphrase_file} is readable by others; chmod 600 it."
    return None


# --- writing an archive ------------------------------------------------------------------


class _Hashing(io.RawIOBase):
    """Read a file while hashing it (the tar stream reads each file once)."""

    def __init__(self, f):
        self.f, self.sha = f, hashlib.sha256()

    def readinto(self, b):
        n = self.f.readinto(b)
        self.sha.update(memoryview(b)[:n])
        return n

    def readable(self):
        return True


def _add_bytes(tar, name, data, mtime):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, 0o600
    tar.addfile(info, io.BytesIO(data))


def _dump_sqlite(tar, parts):
    """Copy the live database with sqlite3's online backup; return the copy's references."""
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:")
    try:
        connection.connection.backup(copy)  # one consistent read of every page
        refs = referenced_files(copy.cursor(), lambda n: '"{}"'.format(n.replace('"', '""')))
        data = rollback_journal(copy.serialize())
    finally:
        copy.close()
    for i in range(0, max(len(data), 1), CHUNK):
        _add_part(tar, parts, data[i : i + CHUNK])
    return refs


def rollback_journal(data):
    """The image with its header set to rollback-journal mode: a copy of a WAL database
    says "WAL" in bytes 18-19, and an in-memory copy of it then cannot be opened."""
    if len(data) >= 20 and data[18:20] == b"\x02\x02":
        data = data[:18] + b"\x01\x01" + data[20:]
    return data


def _add_part(tar, parts, data):
    name = f"database/part-{len(parts):04d}"
    _add_bytes(tar, name, data, int(time.time()))
    parts.append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})


def _dump_postgresql(tar, parts):
    """pg_dump inside a REPEATABLE READ transaction whose snapshot it shares (--snapshot):
    the references are read from exactly the data that is dumped."""
    if connection.in_atomic_block:
        raise BackupError("Cannot take a snapshot inside a transaction.")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        refs = referenced_files(cursor, connection.ops.quote_name)
        args, env, name = pg_args_env("pg_dump")
        args += ["--format=custom", f"--snapshot={snapshot}", f"--dbname={name}"]
        # S603: an argument list (no shell) of settings values; the program is resolved.
        proc = subprocess.Popen(  # noqa: S603
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        while chunk := proc.stdout.read(CHUNK):
            _add_part(tar, parts, chunk)
        err = proc.stderr.read().decode(errors="replace")
        if proc.wait():
            raise BackupError(f"pg_dump failed: {err.strip()}")
    return refs


def walk(root):
    """Relative POSIX paths of every regular file under `root`, sorted."""
    if not root.is_dir():
        return []
    return sorted(
        str(PurePosixPath(*(Path(d, f).relative_to(root).parts)))
        for d, _dirs, files in os.walk(root)
        for f in files
        if Path(d, f).is_file()
    )


def app_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as f:
            return tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def write_archive(output, *, passphrase_file=None, recipient=None):
    """Write the encrypted archive to `output`; return the manifest (the caller locks)."""
    check_key(passphrase_file, recipient)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = output.with_name(output.name + ".partial")
    args = gpg_base(None if recipient else passphrase_file)
    if recipient:
        args += ["--encrypt", "--recipient", recipient]
    else:
        args += ["--symmetric", "--cipher-algo", "AES256"]
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            gpg = subprocess.Popen(  # noqa: S603 - an argument list, no shell
                args, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.PIPE
            )
            try:
                manifest = _stream(gpg.stdin)
            finally:
                gpg.stdin.close()
                err = gpg.stderr.read().decode(errors="replace")
                code = gpg.wait()
            if code:
                raise BackupError(f"gpg failed: {err.strip()}")
            out.flush()
            os.fsync(out.fileno())
        partial.rename(output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _stream(sink):
    tar = tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT)
    try:
        manifest = _fill(tar)
    except BaseException:
        with suppress(OSError, ValueError):
            tar.close()  # the partial output is deleted by the caller
        raise
    tar.close()
    return manifest


def _fill(tar):
    parts = []
    snapshot_at = timezone.now()
    vendor = engine()
    if vendor == "postgresql":
        refs = _dump_postgresql(tar, parts)
    elif vendor == "sqlite":
        refs = _dump_sqlite(tar, parts)
    else:
        raise BackupError(f"Unsupported database engine: {vendor}.")
    files = []
    for root_name, root in root_paths().items():
        for rel in walk(root):
            path = root / rel
            try:
                f = open(path, "rb")
            except FileNotFoundError:
                continue  # deleted since the walk: a referenced one is reported below
            with f:
                st = os.fstat(f.fileno())
                info = tarfile.TarInfo(f"files/{root_name}/{rel}")
                info.size, info.mtime, info.mode = st.st_size, int(st.st_mtime), 0o600
                hashing = _Hashing(f)
                tar.addfile(info, io.BufferedReader(hashing))
            files.append(
                {
                    "root": root_name,
                    "path": rel,
                    "size": st.st_size,
                    "sha256": hashing.sha.hexdigest(),
                    "mtime": st.st_mtime,
                    "mode": st.st_mode & 0o777,
                }
            )
    archived = {(f["root"], f["path"]) for f in files}
    missing = sorted(f"{root}/{name}" for root, name in refs - archived)
    if missing:
        raise BackupError(
            f"{len(missing)} file(s) named in the database are missing from the upload roots "
            "(no archive written): " + ", ".join(missing[:20])
        )
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "app_version": app_version(),
        "database": {
            "engine": vendor,
            "snapshot_at": snapshot_at.isoformat(),
            "migrations": migration_state(),
            "parts": parts,
        },
        "referenced": len(refs),
        "files": files,
    }
    _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1).encode(), int(time.time()))
    return manifest


def default_output():
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = os.environ.get("BACKUP_DIR") or Path(settings.VAR_DIR) / "backups"
    return Path(folder) / f"anphong-{stamp}.tar.gpg"
