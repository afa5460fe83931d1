"""Private storage for residents' files: outside MEDIA_ROOT and STATIC_ROOT, no URL at all.

Files are served only through permission-checked views (staff side, issue 6).
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from django.utils.functional import LazyObject

TMP_PREFIX = "tmp"
FINAL_PREFIX = "dossiers"


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        # base_url=None: .url() raises instead of inventing a public address.
        super().__init__(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


class _LazyPrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = PrivateStorage()


private_storage = _LazyPrivateStorage()


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
