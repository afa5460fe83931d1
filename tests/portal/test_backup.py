"""Backup and restore (portal.backup): a round trip finds every dossier and file again;
newer files are quarantined, purged data stays purged, archives are encrypted, and the
sweeper and the purge keep out of a backup's way.

Runs on the configured database: SQLite by default, PostgreSQL with DATABASE_URL.
"""

import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from portal import backup, restore
from portal.maintenance import maintenance_lock
from procedures.constants import DossierStatus as S
from procedures.models import Dossier, DossierDocument
from procedures.models.dossiers import status_change_allowed
from procedures.storage import private_storage
from tests.congress.factories import ArticleFactory, DocumentFactory, jpeg_bytes
from tests.procedures.factories import DossierFactory, pdf_bytes

# Backups read the database from other connections (pg_dump): the data must be committed.
round_trip = pytest.mark.django_db(transaction=True)

ID_NUMBER = "031090123456"


@pytest.fixture(autouse=True)
def _needs_tools():
    if not shutil.which("gpg"):
        pytest.skip("gpg is not installed")
    if connection.vendor == "postgresql" and not (
        shutil.which("pg_dump") and shutil.which("pg_restore")
    ):
        pytest.skip("pg_dump/pg_restore are not installed")


@pytest.fixture(scope="module")
def gnupg_home():
    """A keyring of the tests' own (short path: gpg-agent's socket lives in it)."""
    home = tempfile.mkdtemp(prefix="gpg", dir="/tmp")
    yield home
    subprocess.run(
        [shutil.which("gpgconf") or "/usr/bin/gpgconf", "--kill", "gpg-agent"],  # noqa: S603
        env={**os.environ, "GNUPGHOME": home},
        check=False,
    )
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def site(settings, tmp_path, monkeypatch, gnupg_home, private_root):
    """Upload roots, VAR_DIR and a passphrase file of this test's own."""
    monkeypatch.setenv("GNUPGHOME", gnupg_home)
    monkeypatch.delenv("BACKUP_PASSPHRASE_FILE", raising=False)
    monkeypatch.delenv("BACKUP_GPG_RECIPIENT", raising=False)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("correct horse battery staple\n")
    passphrase.chmod(0o600)
    return {
        "media": settings.MEDIA_ROOT,
        "private": private_root,
        "var": settings.VAR_DIR,
        "passphrase": passphrase,
        "archive": tmp_path / "out" / "site.tar.gpg",
    }


def run_backup(site, **options):
    out = io.StringIO()
    call_command(
        "backup_site",
        output=str(site["archive"]),
        passphrase_file=str(site["passphrase"]),
        lock_wait=0,
        stdout=out,
        **options,
    )
    return out.getvalue()


def run_restore(site, passphrase=None, **options):
    out = io.StringIO()
    call_command(
        "restore_site",
        str(site["archive"]),
        yes=True,
        passphrase_file=str(passphrase or site["passphrase"]),
        lock_wait=0,
        stdout=out,
        **options,
    )
    return out.getvalue()


def digests(root):
    return {rel: hashlib.sha256((root / rel).read_bytes()).hexdigest() for rel in backup.walk(root)}


def with_document(dossier, data=None):
    data = data or pdf_bytes(os.urandom(16))
    stored = private_storage.save("dossiers/2026/01/doc.pdf", ContentFile(data))
    DossierDocument.objects.create(
        dossier=dossier,
        document_name="Tờ khai",
        file=stored,
        original_name="to-khai.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return stored


def finished(dossier):
    with status_change_allowed():
        dossier.status = S.REFUSED
        dossier.save()
    return dossier


def demo_instance():
    """A small demo instance (load_demo takes ~14 s on PostgreSQL): dossiers with uploads
    in several states, a staged upload, news pictures and a published document."""
    for i in range(6):
        dossier = DossierFactory(id_number=f"0310901234{i:02d}")
        for _ in range(1 + i % 2):
            with_document(dossier)
        if i % 3 == 0:
            finished(dossier)
    private_storage.save("tmp/staged.pdf", ContentFile(pdf_bytes(b"staged")))
    ArticleFactory(cover=ContentFile(jpeg_bytes(size=(300, 200)), "cover.jpg"))
    DocumentFactory(with_file=True)


@round_trip
def test_backup_wipe_restore_finds_every_dossier_and_file(site):
    demo_instance()
    codes = set(Dossier.objects.values_list("code", flat=True))
    media, private = digests(site["media"]), digests(site["private"])
    assert len(codes) == 6 and len(media) > 2 and len(private) == 10
    documents = set(DossierDocument.objects.values_list("file", flat=True))
    assert documents <= set(private)

    report = run_backup(site)
    assert f"{len(media)} media + {len(private)} private" in report

    call_command("flush", interactive=False)
    shutil.rmtree(site["media"])
    shutil.rmtree(site["private"])
    assert not Dossier.objects.exists()

    report = run_restore(site)
    assert "QUARANTINED" not in report
    assert set(Dossier.objects.values_list("code", flat=True)) == codes
    assert set(DossierDocument.objects.values_list("file", flat=True)) == documents
    assert digests(site["media"]) == media
    assert digests(site["private"]) == private


@round_trip
def test_files_newer_than_the_snapshot_are_quarantined_not_swept(site, clock):
    kept = with_document(DossierFactory())
    orphan = private_storage.save("dossiers/2026/01/orphan.pdf", ContentFile(b"%PDF-orphan"))
    run_backup(site)
    newer_dossier = DossierFactory()
    newer = with_document(newer_dossier, data=b"%PDF-newer")

    report = run_restore(site)
    assert not Dossier.objects.filter(pk=newer_dossier.pk).exists()  # older database
    assert "QUARANTINED 2 file(s)" in report
    (quarantine,) = (site["var"] / "restore-quarantine").iterdir()
    assert (quarantine / "newer" / "private" / newer).read_bytes() == b"%PDF-newer"
    # An archived file the database does not name is set aside too, not left to the sweeper.
    assert (quarantine / "unreferenced" / "private" / orphan).read_bytes() == b"%PDF-orphan"
    assert not private_storage.exists(newer) and private_storage.exists(kept)
    assert not private_storage.exists(orphan)

    clock.advance(days=3)  # past DOSSIER_ORPHAN_MAX_AGE_HOURS
    call_command("sweep_dossier_files", stdout=io.StringIO())
    assert (quarantine / "newer" / "private" / newer).read_bytes() == b"%PDF-newer"
    assert private_storage.exists(kept)


@round_trip
def test_a_dossier_purged_after_the_backup_stays_purged(site, clock, settings):
    settings.DOSSIER_RETENTION_DAYS = 30
    dossier = finished(DossierFactory(id_number=ID_NUMBER))
    stored = with_document(dossier)
    clock.advance(days=29)  # not yet due when the backup is taken
    run_backup(site)
    clock.advance(days=2)
    call_command("purge_dossiers", stdout=io.StringIO())
    assert not private_storage.exists(stored)

    report = run_restore(site)
    assert "purged again: 1 dossier(s)" in report
    dossier.refresh_from_db()
    assert dossier.id_number == "" and dossier.anonymised_at is not None
    assert not dossier.documents.exists()
    assert not private_storage.exists(stored)
    assert not (site["var"] / "restore-quarantine").exists()


@round_trip
def test_the_archive_is_encrypted_and_a_wrong_passphrase_changes_nothing(site, tmp_path):
    dossier = DossierFactory(id_number=ID_NUMBER)
    with_document(dossier, data=b"%PDF-" + ID_NUMBER.encode())
    run_backup(site)
    archive = site["archive"]
    data = archive.read_bytes()
    assert data[0] in (0x8C, 0x8D, 0xC3)  # an OpenPGP symmetric-key packet
    for secret in (dossier.code, ID_NUMBER, dossier.applicant_name):
        assert secret.encode() not in data
    assert archive.stat().st_mode & 0o777 == 0o600
    assert not list(archive.parent.glob("*.partial"))

    later = DossierFactory()
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase\n")
    with pytest.raises(CommandError, match="Decryption failed|Cannot read"):
        run_restore(site, passphrase=wrong)
    assert Dossier.objects.filter(pk=later.pk).exists()  # the database was not touched


@round_trip
def test_no_key_no_backup_and_no_confirmation_no_restore(site, monkeypatch):
    with pytest.raises(CommandError, match="unencrypted"):
        call_command("backup_site", output=str(site["archive"]), stdout=io.StringIO())
    assert not site["archive"].parent.exists() or not any(site["archive"].parent.iterdir())
    run_backup(site)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: cannot ask
    with pytest.raises(CommandError, match="Not confirmed"):
        call_command("restore_site", str(site["archive"]), stdout=io.StringIO())


@round_trip
def test_a_backup_refuses_to_run_when_a_referenced_file_is_missing(site):
    stored = with_document(DossierFactory())
    private_storage.delete(stored)
    with pytest.raises(CommandError, match="missing"):
        run_backup(site)
    assert not site["archive"].exists()
    assert not list(site["archive"].parent.glob("*"))


def test_restore_refuses_another_engine():
    manifest = {"database": {"engine": "oracle", "migrations": {}}}
    with pytest.raises(backup.BackupError, match="oracle"):
        restore.check_compatible(manifest)


@pytest.mark.django_db
def test_sweeper_and_purge_keep_out_while_a_backup_holds_the_lock(site, settings):
    settings.DOSSIER_RETENTION_DAYS = 0
    orphan = private_storage.save("tmp/old.pdf", ContentFile(b"%PDF-old"))
    old = timezone.now() - dt.timedelta(days=3)
    os.utime(private_storage.path(orphan), (old.timestamp(), old.timestamp()))
    dossier = finished(DossierFactory())
    Dossier.objects.filter(pk=dossier.pk).update(updated_at=old)

    with maintenance_lock(exclusive=True):
        err = io.StringIO()
        call_command("sweep_dossier_files", stdout=io.StringIO(), stderr=err)
        assert "Skipped" in err.getvalue() and private_storage.exists(orphan)
        err = io.StringIO()
        call_command("purge_dossiers", stdout=io.StringIO(), stderr=err)
        assert "Skipped" in err.getvalue()
        assert Dossier.objects.get(pk=dossier.pk).anonymised_at is None

    with maintenance_lock(exclusive=False):  # a sweep running: the backup waits
        with pytest.raises(CommandError, match="holds"):
            run_backup(site)

    call_command("sweep_dossier_files", stdout=io.StringIO())  # free again
    assert not private_storage.exists(orphan)
    call_command("purge_dossiers", stdout=io.StringIO())
    assert Dossier.objects.get(pk=dossier.pk).anonymised_at is not None


@pytest.mark.django_db
def test_the_sweeper_can_wait_for_the_backup_to_finish(site):
    orphan = private_storage.save("tmp/old.pdf", ContentFile(b"%PDF-old"))
    old = (timezone.now() - dt.timedelta(days=3)).timestamp()
    os.utime(private_storage.path(orphan), (old, old))
    held, release = threading.Event(), threading.Event()

    def backup_running():
        with maintenance_lock(exclusive=True):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=backup_running)
    thread.start()
    held.wait(5)
    threading.Timer(0.3, release.set).start()
    err = io.StringIO()
    call_command("sweep_dossier_files", lock_wait=5, stdout=io.StringIO(), stderr=err)
    thread.join()
    assert err.getvalue() == "" and not private_storage.exists(orphan)
