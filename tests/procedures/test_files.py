"""Uploads: type from the bytes, names cleaned, limits from settings, images re-encoded."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from procedures.files import check_upload, clean_filename
from procedures.models import Dossier
from tests.procedures.factories import image_bytes, pdf_bytes
from tests.procedures.journey import applicant_data, step_url, upload

ALL = ["pdf", "jpeg", "png"]
MB = 1024 * 1024


def check(name, data, accepted=ALL, max_bytes=10 * MB):
    return check_upload(
        SimpleUploadedFile(name, data), accepted_types=accepted, max_bytes=max_bytes
    )


def reason(name, data, **kw):
    with pytest.raises(ValidationError) as exc:
        check(name, data, **kw)
    return exc.value.messages[0]


def test_valid_pdf_jpeg_png_are_accepted():
    assert check("a.pdf", pdf_bytes()).content_type == "application/pdf"
    assert check("a.JPG", image_bytes("JPEG")).content_type == "image/jpeg"
    assert check("a.png", image_bytes("PNG")).file_type == "png"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("hoadon.pdf", b"<html><script>alert(1)</script></html>"),  # HTML renamed to .pdf
        ("anh.png", b"MZ\x90\x00" + b"\x00" * 100),  # a Windows executable
        ("anh.jpg", b"GIF89a" + b"\x00" * 100),
    ],  # a GIF claiming to be JPEG
)
def test_spoofed_types_are_refused_by_their_bytes(name, data):
    message = reason(name, data)
    assert name in message and "không phải PDF, JPG hoặc PNG" in message


def test_extension_must_agree_with_the_bytes():
    message = reason("to-khai.pdf", image_bytes("PNG"))
    assert "không khớp" in message and "to-khai.pdf" in message


@pytest.mark.parametrize("name", ["script.svg", "trang.html", "tep.exe", "khong-duoi"])
def test_other_extensions_are_refused(name):
    assert "chỉ nhận tệp PDF, JPG hoặc PNG" in reason(name, pdf_bytes())


def test_document_accepted_types_are_enforced():
    assert "chỉ nhận định dạng PDF" in reason("a.png", image_bytes(), accepted=["pdf"])


def test_oversized_file_is_refused_with_its_name_and_the_limit():
    message = reason("lon.pdf", pdf_bytes(b"0" * 2048), max_bytes=1024)
    assert "lon.pdf" in message and "vượt quá" in message


def test_empty_file_is_refused():
    assert "tệp rỗng" in reason("rong.pdf", b"")


@pytest.mark.parametrize(
    "active", [b"/JavaScript", b"/JS (app.alert(1))", b"/Launch", b"/EmbeddedFile", b"/Encrypt"]
)
def test_pdf_with_active_content_is_refused(active):
    assert "mã lệnh" in reason("x.pdf", pdf_bytes(b"2 0 obj<<" + active + b">>endobj\n"))


def test_truncated_pdf_is_refused():
    assert "hỏng" in reason("x.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n")


def test_corrupt_image_is_refused():
    assert "hỏng" in reason("x.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)


def test_pixel_bomb_is_refused_before_decoding(settings):
    settings.DOSSIER_MAX_IMAGE_PIXELS = 1000
    assert "ảnh quá lớn" in reason("x.png", image_bytes(size=(100, 100)))


def test_images_are_reencoded_without_metadata():
    original = image_bytes("JPEG", exif=True)
    assert b"CameraMaker" in original
    clean = check("anh.jpg", original)
    assert b"CameraMaker" not in clean.data
    assert not Image.open(io.BytesIO(clean.data)).getexif()


def test_bytes_appended_to_an_image_are_dropped():
    clean = check("anh.png", image_bytes() + b"<?php system($_GET[1]); ?>")
    assert b"<?php" not in clean.data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\An\\to khai.pdf", "to khai.pdf"),
        ("gi\u1ea5y\x00t\u1edd\n.pdf", "giấytờ.pdf"),
        ("hoadon\u202efdp.exe.pdf", "hoadonfdp.exe.pdf"),  # right-to-left override removed
        ("...", "tep-tai-len"),
        ("a" * 300 + ".pdf", "a" * 146 + ".pdf"),
    ],
)
def test_file_names_lose_paths_and_control_characters(raw, expected):
    assert clean_filename(raw) == expected


def _start_documents_step(client, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    client.post(step_url(procedure, "cau-hoi"), {"ten_tre": "Bình", "ngay_sinh_tre": "01/02/2025"})


@pytest.mark.django_db
def test_rejected_file_is_named_and_good_files_are_kept(client, ward, procedure):
    _start_documents_step(client, procedure)
    first, second = procedure.documents.filter(is_mandatory=True)
    response = client.post(
        step_url(procedure, "giay-to"),
        {
            f"doc_{first.pk}": upload("to-khai.pdf", pdf_bytes()),
            f"doc_{second.pk}": upload("virus.pdf", b"MZ\x90\x00" * 10),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "virus.pdf" in html and "error-summary" in html
    assert f'href="#id_doc_{second.pk}"' in html
    assert "Đã tải lên: to-khai.pdf" in html  # kept, not lost


@pytest.mark.django_db
def test_stored_names_are_generated_and_original_names_cleaned(client, ward, procedure):
    _start_documents_step(client, procedure)
    first, second = procedure.documents.filter(is_mandatory=True)
    client.post(
        step_url(procedure, "giay-to"),
        {
            f"doc_{first.pk}": upload("../../../etc/passwd.pdf", pdf_bytes()),
            f"doc_{second.pk}": upload("ảnh\x07.png", image_bytes()),
        },
    )
    client.post(step_url(procedure, "dong-y"), {"consent": "on"})
    check_page = client.get(step_url(procedure, "kiem-tra")).content.decode()
    token = check_page.split('name="submission_token" value="')[1].split('"')[0]
    client.post(step_url(procedure, "kiem-tra"), {"submission_token": token})
    names = {d.original_name: d.file.name for d in Dossier.objects.get().documents.all()}
    assert set(names) == {"passwd.pdf", "ảnh.png"}
    for stored in names.values():
        assert stored.startswith("dossiers/") and ".." not in stored and "passwd" not in stored


@pytest.mark.django_db
def test_too_many_files_are_refused(client, ward, procedure, settings):
    settings.DOSSIER_MAX_FILES = 2
    _start_documents_step(client, procedure)
    docs = list(procedure.documents.all())
    files = {f"doc_{d.pk}": upload(f"{d.pk}.pdf", pdf_bytes()) for d in docs}
    files["extra"] = upload("x.pdf", pdf_bytes())
    html = client.post(step_url(procedure, "giay-to"), files).content.decode()
    assert "tối đa 2 tệp" in html


@pytest.mark.django_db
def test_two_files_for_one_document_are_refused(client, ward, procedure):
    _start_documents_step(client, procedure)
    first = procedure.documents.first()
    html = client.post(
        step_url(procedure, "giay-to"),
        {f"doc_{first.pk}": [upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())]},
    ).content.decode()
    assert "chỉ tải lên một tệp" in html


@pytest.mark.django_db
def test_dossier_total_size_limit(client, ward, procedure, settings):
    settings.DOSSIER_MAX_TOTAL_SIZE = len(pdf_bytes(b"0" * 600)) + 100
    _start_documents_step(client, procedure)
    first, second = procedure.documents.filter(is_mandatory=True)
    html = client.post(
        step_url(procedure, "giay-to"),
        {
            f"doc_{first.pk}": upload("a.pdf", pdf_bytes(b"0" * 600)),
            f"doc_{second.pk}": upload("b.pdf", pdf_bytes(b"0" * 600)),
        },
    ).content.decode()
    assert "tổng dung lượng hồ sơ vượt quá" in html


@pytest.mark.django_db
def test_missing_mandatory_document_is_named(client, ward, procedure):
    _start_documents_step(client, procedure)
    html = client.post(step_url(procedure, "giay-to"), {}).content.decode()
    assert "Tải lên tệp: Tờ khai." in html and "Tải lên tệp: Giấy chứng sinh." in html


@pytest.mark.django_db
def test_private_files_have_no_public_url(client, ward, procedure):
    from procedures.storage import private_storage

    with pytest.raises(ValueError, match="no public URL"):
        private_storage.url("dossiers/x.pdf")
    from django.conf import settings

    root = str(settings.PRIVATE_MEDIA_ROOT)
    assert not root.startswith(str(settings.MEDIA_ROOT)) and not root.startswith(
        str(settings.STATIC_ROOT)
    )


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        # 1 KB over 10 MB: both round to "10,0 MB", so the exact bytes are given.
        (
            10 * 1024 * 1024 + 1024,
            10 * 1024 * 1024,
            "dung lượng 10,0\xa0MB (10.486.784 byte) vượt quá mức tối đa "
            "10,0\xa0MB (10.485.760 byte).",
        ),
        # Clearly over: the rounded sizes already differ.
        (
            12 * 1024 * 1024,
            10 * 1024 * 1024,
            "dung lượng 12,0\xa0MB vượt quá mức tối đa 10,0\xa0MB.",
        ),
    ],
)
def test_size_errors_show_sizes_that_differ(size, limit, message):
    upload_ = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    upload_.size = size
    with pytest.raises(ValidationError) as info:
        check_upload(upload_, accepted_types=["pdf"], max_bytes=limit)
    assert info.value.messages == [f"Tệp “to-khai.pdf”: {message}"]
