"""Uploads that fail to reach the disk: no 500, no temporary file left behind.

Site-wide, not a procedures concern: Django parses every multipart body (residents'
documents, the desk's scans, the admin's pictures) through the same FILE_UPLOAD_HANDLERS
before any view runs, so the handler lives here beside the other shared plumbing
(portal.cache), and anphong.middleware.InputGuardMiddleware, the first to read a POST,
turns its error into a page.

A body over FILE_UPLOAD_MAX_MEMORY_SIZE is streamed into a temporary file. When the disk
is full (ENOSPC, EDQUOT) or refuses the file, Django's handler lets the OSError escape
from `request.POST` (a 500) and leaves the half-written file open until the worker
collects it. `TemporaryFileUploadHandler` below removes that file at once and raises
`UploadNotStored`; `discard_uploads` removes it for any other failure of the parse (a
client that hangs up mid-upload), which Django reports to no handler.
"""

import errno
import logging
import os

from django.core.files.uploadhandler import TemporaryFileUploadHandler as DjangoHandler
from django.core.files.uploadhandler import UploadFileException

logger = logging.getLogger(__name__)

# The disk or the user's quota is full: the operator must free space, a retry may succeed.
STORAGE_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


class UploadNotStored(UploadFileException):
    """The server could not write an uploaded file to its temporary folder."""


def is_storage_full(exc):
    """Whether `exc`, or an exception it was raised from, is a full disk or quota."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in STORAGE_FULL_ERRNOS:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class TemporaryFileUploadHandler(DjangoHandler):
    """Django's handler, except that a failed write removes the temporary file and raises
    UploadNotStored instead of the OSError."""

    def new_file(self, *args, **kwargs):
        try:
            super().new_file(*args, **kwargs)
        except OSError as exc:  # FILE_UPLOAD_TEMP_DIR full, missing or not writable
            raise self.failed(exc) from exc

    def receive_data_chunk(self, raw_data, start):
        try:
            self.file.write(raw_data)
        except OSError as exc:
            raise self.failed(exc) from exc

    def file_complete(self, file_size):
        try:
            # Rewinding flushes the last buffered bytes: the disk may refuse them here.
            return super().file_complete(file_size)
        except OSError as exc:
            raise self.failed(exc) from exc

    def failed(self, exc):
        """Remove the file being written; return the exception to raise."""
        logger.error("Upload not stored in the temporary folder: %s", exc)
        self.upload_interrupted()
        return UploadNotStored(str(exc))

    def upload_interrupted(self):
        """Close and remove the temporary file, whatever the disk answers."""
        upload = getattr(self, "file", None)
        if upload is None:
            return
        path = upload.temporary_file_path()
        try:
            # Closing flushes what is buffered, which a full disk refuses again; the
            # descriptor is closed all the same.
            upload.close()
        except OSError:
            pass
        try:
            os.remove(path)
        except FileNotFoundError:
            pass  # NamedTemporaryFile removed it on close
        except OSError:
            logger.warning("Could not remove the temporary upload %s", path)


def discard_uploads(request):
    """Remove the temporary files of a request whose body could not be parsed.

    Django closes the files it had finished when the parse fails, but not the one a
    handler was still writing when the client hung up or the disk failed; each handler
    removes its own (`upload_interrupted`, a public hook of every upload handler).
    """
    for handler in request.upload_handlers:
        handler.upload_interrupted()
