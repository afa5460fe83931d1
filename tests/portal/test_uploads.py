"""A full disk under an upload: the temporary file and the storage's partial file are removed
at once, and the answer is the Vietnamese 503 page, never a 500.

The disk fills through the seams of tests/portal/disk.py. The residents' and the desk's
journeys are in tests/procedures/test_full_disk.py.
"""

import errno
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.test.client import BOUNDARY, encode_multipart
from django.urls import path

from anphong.urls import urlpatterns as site_urlpatterns
from portal.storage import FileSystemStorage
from portal.uploads import TemporaryFileUploadHandler, UploadNotStored, is_storage_full
from tests.portal.disk import MB, HalfWritten, HangUp, fill_upload_disk_after


@pytest.fixture
def upload_dir(settings, tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def saved_sizes(request):
    return {name: [f.size for f in files] for name, files in request.FILES.lists()}


def echo(request):
    """Name the uploads the view received (a full disk never gets this far)."""
    return HttpResponse(repr(saved_sizes(request)))


def store_in_public_media(request):
    """What an admin's save does: write a file to the default storage."""
    default_storage.save("anh/bia.jpg", HalfWritten(b"x" * 4096))
    return HttpResponse("saved")


urlpatterns = [
    path("test-uploads/echo/", echo),
    path("test-uploads/store/", store_in_public_media),
    *site_urlpatterns,
]
handler400 = "anphong.views.bad_request"
handler500 = "anphong.views.server_error"


def big_files(*sizes):
    return {
        f"doc_{i}": SimpleUploadedFile(f"tep-{i}.pdf", b"%PDF-" + b"0" * size)
        for i, size in enumerate(sizes)
    }


def test_the_handler_is_installed_after_the_memory_one(settings):
    assert settings.FILE_UPLOAD_HANDLERS == [
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "portal.uploads.TemporaryFileUploadHandler",
    ]


@pytest.mark.urls(__name__)
def test_a_big_upload_is_received_when_the_disk_has_room(upload_dir):
    response = Client().post("/test-uploads/echo/", big_files(3 * MB))
    assert response.status_code == 200 and "3145733" in response.text
    assert list(upload_dir.iterdir()) == []  # closed at the end of the request


@pytest.mark.urls(__name__)
def test_full_temporary_disk_answers_503_and_leaves_no_file(upload_dir, monkeypatch):
    """The first file is written whole, the second fills the disk: both are removed."""
    fill_upload_disk_after(monkeypatch, 2 * MB + 100)
    response = Client(raise_request_exception=False).post(
        "/test-uploads/echo/", big_files(2 * MB, 2 * MB)
    )
    assert response.status_code == 503
    assert "Chưa lưu được tệp" in response.text and response.text.count("<h1>") == 1
    assert "Về trang chủ" in response.text and "Traceback" not in response.text
    assert response["Cache-Control"] == "no-store"
    assert response["Retry-After"] == "300"
    assert list(upload_dir.iterdir()) == []


@pytest.mark.urls(__name__)
def test_when_the_csrf_check_reads_the_body_first_it_is_503_too(settings, upload_dir, monkeypatch):
    """Without the input guard the CSRF check is the first to read the body: the error goes
    to the 500 handler, which answers the same page."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("InputGuardMiddleware")]
    fill_upload_disk_after(monkeypatch, 1 * MB)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(
        "/test-uploads/echo/", {**big_files(3 * MB), "csrfmiddlewaretoken": "a" * 32}
    )
    assert response.status_code == 503 and "Chưa lưu được tệp" in response.text
    assert list(upload_dir.iterdir()) == []


@pytest.mark.urls(__name__)
def test_a_temporary_folder_that_cannot_be_created_answers_503(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "missing")
    response = Client(raise_request_exception=False).post("/test-uploads/echo/", big_files(3 * MB))
    assert response.status_code == 503 and "Chưa lưu được tệp" in response.text


@pytest.mark.urls(__name__)
def test_a_client_that_hangs_up_mid_upload_leaves_no_file(upload_dir):
    body = encode_multipart(BOUNDARY, big_files(3 * MB))
    response = Client().post(
        "/test-uploads/echo/",
        body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        **{"wsgi.input": HangUp(body, 1 * MB)},
    )
    assert response.status_code == 400  # nobody is listening; no 500 in the logs
    assert list(upload_dir.iterdir()) == []


def test_the_handler_removes_its_file_when_a_write_fails(upload_dir, monkeypatch):
    fill_upload_disk_after(monkeypatch, 10)
    handler = TemporaryFileUploadHandler()
    handler.new_file("doc", "a.pdf", "application/pdf", None)
    path = handler.file.temporary_file_path()
    with pytest.raises(UploadNotStored) as raised:
        handler.receive_data_chunk(b"x" * 100, 0)
    assert is_storage_full(raised.value)
    assert handler.file.closed and not os.path.exists(path)
    handler.upload_interrupted()  # a second clean-up finds nothing and says nothing


def test_a_failed_write_leaves_no_partial_file(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(OSError) as raised:
        storage.save("tmp/a.pdf", HalfWritten(b"x" * 1000))
    assert is_storage_full(raised.value)
    assert list((tmp_path / "tmp").iterdir()) == []
    # A name taken by another file is left alone: the failed write had a name of its own.
    storage.save("tmp/a.pdf", ContentFile(b"kept"))
    with pytest.raises(OSError):
        storage.save("tmp/a.pdf", HalfWritten(b"x" * 1000))
    assert [p.read_bytes() for p in (tmp_path / "tmp").iterdir()] == [b"kept"]


def test_the_default_storage_is_the_sites(settings):
    assert settings.STORAGES["default"]["BACKEND"] == "portal.storage.FileSystemStorage"
    assert isinstance(default_storage, FileSystemStorage)


@pytest.mark.urls(__name__)
def test_a_full_disk_behind_a_view_answers_503_not_500(settings, tmp_path, db):
    """An admin's save that fills the disk: the 503 page, and no half file in MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    response = Client(raise_request_exception=False).get("/test-uploads/store/")
    assert response.status_code == 503 and "Chưa lưu được tệp" in response.text
    assert list((tmp_path / "media" / "anh").iterdir()) == []


@pytest.mark.urls(__name__)
def test_other_write_errors_keep_the_500_page(settings, tmp_path, db, monkeypatch):
    """Only a full disk or quota means "try again later"; a refused permission is a fault."""

    def refused(self, chunk_size=None):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        yield  # a generator, like File.chunks

    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(HalfWritten, "chunks", refused)
    response = Client(raise_request_exception=False).get("/test-uploads/store/")
    assert response.status_code == 500 and "Hệ thống gặp sự cố" in response.text
    assert list((tmp_path / "media" / "anh").iterdir()) == []
