"""Residents' files on their way into a dossier: staged in the private temp area after
their checks, then given their final name just before the dossier's transaction.

Files are copied to their final private name *before* the transaction and removed again
if it fails (`discard`), so a committed dossier always has its files and a failed one
leaves none (the sweeper catches a crash in between).
"""

import logging
import os

from django.core.files.base import ContentFile

from procedures.storage import final_name, private_storage, temp_name

logger = logging.getLogger(__name__)


class StagedFile:
    """A checked upload waiting in the private temp area until the dossier is saved."""

    FIELDS = ("temp_name", "original_name", "content_type", "size", "sha256", "extension")

    def __init__(self, *, temp_name, original_name, content_type, size, sha256, extension):
        self.temp_name = temp_name
        self.original_name = original_name
        self.content_type = content_type
        self.size = size
        self.sha256 = sha256
        self.extension = extension

    @classmethod
    def stage(cls, clean):
        """Store a checked file (procedures.files.CleanFile) in the temp area (OSError if the
        disk fails); the online form, the desk and the demo all stage this way."""
        stored = private_storage.save(temp_name(clean.extension), ContentFile(clean.data))
        return cls(
            temp_name=stored,
            original_name=clean.original_name,
            content_type=clean.content_type,
            size=clean.size,
            sha256=clean.sha256,
            extension=clean.extension,
        )

    @classmethod
    def from_session(cls, data):
        return cls(**{k: data[k] for k in cls.FIELDS})

    def as_dict(self):
        """What a session or a signed form field keeps of it."""
        return {k: getattr(self, k) for k in self.FIELDS}


def copy_to_final(staged):
    """Give the staged file its final name: a hard link (no copy) on the local disk."""
    name = final_name(staged.extension)
    try:
        source, target = private_storage.path(staged.temp_name), private_storage.path(name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)
        return name
    except (NotImplementedError, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        # Another file system or a remote storage: copy the bytes instead.
        with private_storage.open(staged.temp_name, "rb") as handle:
            return private_storage.save(name, ContentFile(handle.read()))


def store_clean_file(clean):
    """Store a checked file straight under its final name (no staging step)."""
    return private_storage.save(final_name(clean.extension), ContentFile(clean.data))


def discard(names):
    """Remove files of a write that failed; a failure to remove is logged, not raised."""
    for name in names:
        try:
            private_storage.delete(name)
        except OSError:
            logger.warning("Could not remove file %s after a failed write", name)
