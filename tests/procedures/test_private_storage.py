"""Residents' files live in the "private" entry of settings.STORAGES, never under MEDIA_URL."""

import json
import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

from procedures.models import DossierDocument
from procedures.storage import PrivateStorage, private_storage


def test_private_storage_is_the_private_entry_of_storages(private_root):
    assert isinstance(private_storage, PrivateStorage)
    assert private_storage.location == str(storages["private"].location) == str(private_root)
    name = private_storage.save("tmp/x.pdf", ContentFile(b"%PDF-1.4"))
    assert (private_root / name).read_bytes() == b"%PDF-1.4"


def test_private_storage_follows_an_override_of_storages(settings, tmp_path):
    """Every module that imported `private_storage` sees a test's own folder."""
    elsewhere = tmp_path / "elsewhere"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "procedures.storage.PrivateStorage",
            "OPTIONS": {"location": elsewhere},
        },
    }
    name = private_storage.save("dossiers/y.pdf", ContentFile(b"y"))
    assert (elsewhere / name).read_bytes() == b"y"


def test_the_dossier_file_field_uses_it():
    storage = DossierDocument._meta.get_field("file").storage
    assert storage is private_storage and isinstance(storage, Storage)


def test_private_files_have_no_url_even_with_media_url_set(settings):
    assert settings.MEDIA_URL
    with pytest.raises(ValueError):
        private_storage.url("dossiers/x.pdf")
    with pytest.raises(ValueError):
        PrivateStorage(location="/nowhere", base_url="/media/").url("x.pdf")


def test_without_a_location_it_stays_out_of_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert PrivateStorage().location == str(tmp_path / "private")
    assert FileSystemStorage().location == str(settings.MEDIA_ROOT)  # what it must not do


@pytest.mark.parametrize("module", ["base", "prod"])
def test_deployed_settings_declare_it_at_private_media_root(module):
    code = (
        f"import json, anphong.settings.{module} as s; "
        "print(json.dumps([s.STORAGES['private'], str(s.PRIVATE_MEDIA_ROOT), "
        "str(s.MEDIA_ROOT), str(s.STATIC_ROOT)], default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        # Production needs a shared cache (prod.py refuses to start without one).
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "x" * 50,
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    entry, private_root, media_root, static_root = json.loads(result.stdout)
    assert entry == {
        "BACKEND": "procedures.storage.PrivateStorage",
        "OPTIONS": {"location": private_root},
    }
    assert not private_root.startswith((media_root, static_root))
