"""Restore of a backup archive (portal.backup writes them): decrypt into a private folder,
check every checksum, then the database, then the files, in that order (deploy/BACKUP.md).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from portal.backup import (
    FORMAT,
    BackupError,
    engine,
    gpg_base,
    pg_args_env,
    referenced_files,
    rollback_journal,
    root_paths,
    walk,
)


def _safe_member(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Unsafe path in archive: {name!r}")
    return path


def decrypt_to(archive, folder, *, passphrase_file=None):
    """Decrypt and unpack `archive` into `folder` (private); return the verified manifest.

    Nothing outside `folder` is touched: gpg's exit status (it checks the integrity code
    only at the end) and every checksum are verified before the caller restores anything.
    """
    folder = Path(folder)
    args = [*gpg_base(passphrase_file), "--decrypt", str(archive)]
    gpg = subprocess.Popen(  # noqa: S603 - an argument list, no shell
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        with tarfile.open(fileobj=gpg.stdout, mode="r|") as tar:
            for member in tar:
                if not member.isfile():
                    continue
                target = folder.joinpath(*_safe_member(member.name).parts)
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                with tar.extractfile(member) as src, open(target, "xb") as dst:
                    shutil.copyfileobj(src, dst, 1024 * 1024)
        # Read gpg's output to its very end: tar stops at its end-of-archive blocks, before
        # the record's padding, and gpg checks the integrity code only once all is written
        # (closing the pipe early made gpg fail with "Broken pipe", now and then).
        while gpg.stdout.read(1024 * 1024):
            pass
    except (tarfile.TarError, FileExistsError) as exc:
        gpg.kill()
        err = gpg.stderr.read().decode(errors="replace").strip()
        gpg.wait()
        raise BackupError(f"Cannot read the archive ({exc}). gpg: {err or '-'}") from None
    finally:
        gpg.stdout.close()
    err = gpg.stderr.read().decode(errors="replace").strip()
    if gpg.wait():
        raise BackupError(f"Decryption failed (wrong key or damaged archive): {err}")
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError("The archive has no manifest.json.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    expected = [(p["name"], p["size"], p["sha256"]) for p in manifest["database"]["parts"]]
    expected += [
        (f"files/{f['root']}/{f['path']}", f["size"], f["sha256"]) for f in manifest["files"]
    ]
    for name, size, sha in expected:
        path = folder.joinpath(*_safe_member(name).parts)
        if not path.is_file() or path.stat().st_size != size or _sha256(path) != sha:
            raise BackupError(f"Checksum mismatch or missing member: {name}")
    return manifest


def _sha256(path):
    sha = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1024 * 1024):
            sha.update(block)
    return sha.hexdigest()


def check_compatible(manifest):
    """Refuse an archive from another engine or from a newer version of the code."""
    archived = manifest["database"]["engine"]
    if archived != engine():
        raise BackupError(
            f"The archive holds a {archived} database; this site runs on {engine()}. "
            "Restore it into the same engine (see deploy/BACKUP.md)."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["database"]["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "The archive comes from a newer version of the code (unknown migrations: "
            + ", ".join(unknown[:10])
            + "). Deploy that version first."
        )


def _database_bytes(folder, manifest):
    for part in manifest["database"]["parts"]:
        yield (folder / part["name"]).read_bytes()


def restore_database(folder, manifest):
    """Replace the whole database with the archived snapshot."""
    if engine() == "sqlite":
        data = rollback_journal(b"".join(_database_bytes(folder, manifest)))
        copy = sqlite3.connect(":memory:")
        try:
            copy.deserialize(data)
            connection.ensure_connection()
            copy.backup(connection.connection)  # page by page onto the live database
        except sqlite3.Error as exc:
            raise BackupError(f"SQLite restore failed: {exc}") from exc
        finally:
            copy.close()
        connection.close()
        return
    dump = folder / "database.dump"
    with open(dump, "wb") as f:
        for data in _database_bytes(folder, manifest):
            f.write(data)
    connection.close()  # our own session must not hold locks on the tables dropped
    args, env, name = pg_args_env("pg_restore")
    args += [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={name}",
        str(dump),
    ]
    result = subprocess.run(args, capture_output=True, env=env, check=False)  # noqa: S603
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.decode(errors='replace').strip()}")


def restore_files(folder, manifest, *, quarantine):
    """Put the archived files back; move aside what the restored database does not know.

    A file on disk that is not in the archive (or differs from it) is newer than the
    snapshot, or an orphan: its row went with the older database, so the sweeper would
    delete it; it goes to `quarantine`/newer/. An archived private file under dossiers/
    that the restored database does not name was written between the snapshot and the
    file copy: same fate, `quarantine`/unreferenced/. Both are outside the upload roots,
    for an operator to recover. Return (restored count, quarantined paths).
    """
    from procedures.storage import FINAL_PREFIX

    with connection.cursor() as cursor:
        refs = referenced_files(cursor, connection.ops.quote_name)
    archived = {(f["root"], f["path"]): f for f in manifest["files"]}
    roots = root_paths()
    moved = []

    def set_aside(why, root_name, rel, source):
        quarantine.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = quarantine / why / root_name / rel
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.move(source, target)
        moved.append(f"{why}/{root_name}/{rel}")

    def unreferenced(root_name, rel):
        return (
            root_name == "private"
            and rel.startswith(f"{FINAL_PREFIX}/")
            and (root_name, rel) not in refs
        )

    for root_name, root in roots.items():
        for rel in walk(root):
            entry = archived.get((root_name, rel))
            path = root / rel
            if not (
                entry and path.stat().st_size == entry["size"] and _sha256(path) == entry["sha256"]
            ):
                set_aside("newer", root_name, rel, path)
            elif unreferenced(root_name, rel):
                set_aside("unreferenced", root_name, rel, path)
            # else: the same immutable file, named by the database: it stays where it is
    restored = 0
    for (root_name, rel), entry in archived.items():
        source = folder / "files" / root_name / rel
        if unreferenced(root_name, rel):
            if not (quarantine / "unreferenced" / root_name / rel).exists():
                set_aside("unreferenced", root_name, rel, source)
            continue
        target = roots[root_name] / rel
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)
        os.chmod(target, entry.get("mode", 0o600))
        os.utime(target, (entry["mtime"], entry["mtime"]))
        restored += 1
    return restored, moved


def pending_migrations():
    """Migrations the code has and the (restored) database has not applied."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())
