"""Private storage for residents' files: outside MEDIA_ROOT and STATIC_ROOT, no URL at all.

Files are served only through permission-checked views (the staff side). The storage is
the "private" entry of settings.STORAGES (a `PrivateStorage` at PRIVATE_MEDIA_ROOT), so
Django's own machinery builds it, and a test points it at a folder of its own by
overriding STORAGES like any other setting.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.utils import timezone

from portal.storage import FileSystemStorage

PRIVATE_STORAGE_ALIAS = "private"
TMP_PREFIX = "tmp"
FINAL_PREFIX = "dossiers"


class PrivateStorage(FileSystemStorage):
    """A file-system storage whose files have no address under MEDIA_URL (and whose
    failed writes leave no partial file, portal.storage)."""

    def __init__(self, location=None, **options):
        # Without a location FileSystemStorage would fall back to MEDIA_ROOT, which the
        # web server publishes: default to PRIVATE_MEDIA_ROOT instead.
        super().__init__(location=location or settings.PRIVATE_MEDIA_ROOT, **options)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


class _PrivateStorageProxy:
    """`storages["private"]`, looked up at each use rather than kept: Django builds a new
    one when the STORAGES setting changes, and every module that imported
    `private_storage` then follows it."""

    @property
    def __class__(self):
        # isinstance() sees the storage itself (FileField(storage=…) checks for a Storage).
        return type(storages[PRIVATE_STORAGE_ALIAS])

    def __getattr__(self, name):
        return getattr(storages[PRIVATE_STORAGE_ALIAS], name)

    def __repr__(self):
        return f"<private storage {storages[PRIVATE_STORAGE_ALIAS]!r}>"


private_storage = _PrivateStorageProxy()


def get_private_storage():
    """Callable for FileField(storage=...): migrations record this path, not a location."""
    return private_storage


def final_name(extension):
    """Return a generated name: dossiers/YYYY/MM/<uuid>.<ext>."""
    now = timezone.localtime()
    return str(
        PurePosixPath(FINAL_PREFIX, f"{now:%Y}", f"{now:%m}", f"{uuid.uuid4().hex}.{extension}")
    )


def temp_name(extension):
    return str(PurePosixPath(TMP_PREFIX, f"{uuid.uuid4().hex}.{extension}"))
