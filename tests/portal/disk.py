"""A disk that fills up, through public seams: the NamedTemporaryFile of Django's
TemporaryUploadedFile, content whose chunks stop halfway, a body whose client hangs up."""

import errno
import os
import tempfile
import types

from django.core.files import uploadedfile
from django.core.files.base import ContentFile

MB = 1024 * 1024


def disk_full():
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def fill_upload_disk_after(monkeypatch, nbytes):
    """Temporary uploads fail with ENOSPC once `nbytes` are written, over all files (the
    bytes before that reach the disk, as on a real one)."""
    real = tempfile.NamedTemporaryFile
    room = [nbytes]

    def named_temporary_file(*args, **kwargs):
        handle = real(*args, **kwargs)
        write = handle.write

        def write_until_full(data):
            if len(data) > room[0]:
                write(data[: room[0]])
                handle.flush()
                room[0] = 0
                raise disk_full()
            room[0] -= len(data)
            return write(data)

        handle.write = write_until_full
        return handle

    monkeypatch.setattr(
        uploadedfile, "tempfile", types.SimpleNamespace(NamedTemporaryFile=named_temporary_file)
    )


class HalfWritten(ContentFile):
    """Content whose write stops halfway with ENOSPC, as on a disk that fills up."""

    def chunks(self, chunk_size=None):
        data = self.read()
        yield data[: len(data) // 2]
        raise disk_full()


class HangUp:
    """A request body whose client hangs up after `nbytes`."""

    def __init__(self, body, nbytes):
        self.body, self.left = body, nbytes

    def read(self, size=-1):
        if self.left <= 0:
            raise OSError(errno.ECONNRESET, "Connection reset by peer")
        size = self.left if size is None or size < 0 else min(size, self.left)
        chunk, self.body = self.body[:size], self.body[size:]
        self.left -= len(chunk)
        return chunk

    def readline(self, size=-1):
        return self.read(size)
