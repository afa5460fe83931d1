"""Upload-check edges: the resident reads which file was refused and why, in one sentence."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from procedures.constants import FileType
from procedures.files import check_upload, clean_filename
from tests.procedures.factories import image_bytes, pdf_bytes
from tests.procedures.journey import upload


def test_refusal_names_the_file_and_the_reason():
    with pytest.raises(ValidationError) as info:
        check_upload(upload("to-khai.pdf", b""), accepted_types=[FileType.PDF], max_bytes=1000)
    assert info.value.messages == ["Tệp “to-khai.pdf”: tệp rỗng."]


def _mpo_bytes():
    """A multi-picture JPEG (MPO), as some phone cameras write: JPEG bytes, another format."""
    first, second = Image.new("RGB", (20, 10), (1, 2, 3)), Image.new("RGB", (20, 10), (3, 2, 1))
    buf = io.BytesIO()
    first.save(buf, format="MPO", save_all=True, append_images=[second])
    return buf.getvalue()


def test_a_jpeg_that_is_really_another_image_format_is_refused_by_name():
    """Only a plain JPEG passes as .jpg (an MPO is refused, whatever its first picture)."""
    with pytest.raises(ValidationError) as info:
        check_upload(
            upload("anh-chan-dung.jpg", _mpo_bytes()),
            accepted_types=[FileType.JPEG],
            max_bytes=100_000,
        )
    assert info.value.messages == ["Tệp “anh-chan-dung.jpg”: nội dung ảnh không hợp lệ."]


def test_the_pixel_limit_is_inclusive_and_the_refusal_gives_the_size(settings):
    settings.DOSSIER_MAX_IMAGE_PIXELS = 40 * 30
    exact = upload("anh.png", image_bytes("PNG", size=(40, 30)))
    assert check_upload(exact, accepted_types=[FileType.PNG], max_bytes=100_000).size > 0
    with pytest.raises(ValidationError) as info:
        check_upload(
            upload("anh-lon.png", image_bytes("PNG", size=(41, 30))),
            accepted_types=[FileType.PNG],
            max_bytes=100_000,
        )
    assert info.value.messages == [
        "Tệp “anh-lon.png”: ảnh quá lớn (41 × 30 điểm ảnh); hãy chụp lại với độ phân giải thấp hơn."
    ]


def _encoded(mode, fmt, size=(40, 30)):
    buf = io.BytesIO()
    Image.new(mode, size, 1 if mode in ("L", "P", "1") else None).save(buf, format=fmt)
    return buf.getvalue()


def _stored(name, data, file_type):
    clean = check_upload(upload(name, data), accepted_types=[file_type], max_bytes=100_000)
    return Image.open(io.BytesIO(clean.data))


@pytest.mark.parametrize(("mode", "stored_mode"), [("CMYK", "RGB"), ("RGB", "RGB"), ("L", "L")])
def test_photos_are_stored_in_screen_colours_and_greyscale_stays_greyscale(mode, stored_mode):
    """A CMYK scan (print colours, shown wrongly by many browsers) is turned into RGB; RGB and
    greyscale photos keep their colours."""
    assert _stored("scan.jpg", _encoded(mode, "JPEG"), FileType.JPEG).mode == stored_mode


def test_photos_are_stored_at_high_quality_so_that_scanned_text_stays_readable():
    # libjpeg's quality 88 scales the first luminance step (16 at quality 50) down to 4;
    # the default quality, 75, would make it 8.
    stored = _stored("giay-to.jpg", image_bytes("JPEG", size=(64, 64)), FileType.JPEG)
    assert stored.quantization[0][0] <= 4


@pytest.mark.parametrize(
    ("mode", "stored_mode"),
    [("RGB", "RGB"), ("RGBA", "RGBA"), ("P", "P"), ("L", "L"), ("LA", "LA"), ("1", "RGBA")],
)
def test_png_images_keep_their_colour_mode_and_others_become_rgba(mode, stored_mode):
    assert _stored("so-do.png", _encoded(mode, "PNG"), FileType.PNG).mode == stored_mode


def test_a_broken_image_is_refused_by_name():
    broken = image_bytes("PNG")[:60]  # the signature and header, then the upload broke off
    with pytest.raises(ValidationError) as info:
        check_upload(upload("ho-khau.png", broken), accepted_types=[FileType.PNG], max_bytes=1000)
    assert info.value.messages == ["Tệp “ho-khau.png”: ảnh bị hỏng hoặc không đọc được."]


def test_a_pdf_must_end_within_2_kib_of_its_end_of_file_marker():
    """Scanners append a little padding after %%EOF; a file cut short has no marker near its end."""
    padded = pdf_bytes() + b" " * (2048 - len(b"%%EOF\n"))  # marker starts 2048 bytes from the end
    pdf = check_upload(upload("don.pdf", padded), accepted_types=[FileType.PDF], max_bytes=10_000)
    assert pdf.data == padded
    with pytest.raises(ValidationError) as info:
        check_upload(
            upload("don.pdf", padded + b" "), accepted_types=[FileType.PDF], max_bytes=10_000
        )
    assert info.value.messages == ["Tệp “don.pdf”: tệp PDF bị hỏng hoặc không đầy đủ."]


def test_a_pdf_with_active_content_is_refused_with_the_way_out():
    active = pdf_bytes(b"2 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n")
    with pytest.raises(ValidationError) as info:
        check_upload(upload("to-khai.pdf", active), accepted_types=[FileType.PDF], max_bytes=10_000)
    assert info.value.messages == [
        "Tệp “to-khai.pdf”: tệp PDF chứa mã lệnh, tệp đính kèm hoặc mật khẩu; "
        "hãy in lại ra PDF thường."
    ]


def refusal(name, data, accepted=("pdf", "jpeg", "png"), max_bytes=10_000):
    with pytest.raises(ValidationError) as info:
        check_upload(upload(name, data), accepted_types=list(accepted), max_bytes=max_bytes)
    return info.value.messages


@pytest.mark.parametrize(
    ("name", "data", "accepted", "message"),
    [
        ("tep.exe", b"%PDF-1.4", "pdf", "Tệp “tep.exe”: chỉ nhận tệp PDF, JPG hoặc PNG."),
        ("khong-duoi", b"%PDF-1.4", "pdf", "Tệp “khong-duoi”: chỉ nhận tệp PDF, JPG hoặc PNG."),
        ("pdf", b"%PDF-1.4", "pdf", "Tệp “pdf”: chỉ nhận tệp PDF, JPG hoặc PNG."),  # no dot
        (
            "hoadon.pdf",
            b"<html><script>alert(1)</script></html>",
            "pdf",
            "Tệp “hoadon.pdf”: nội dung không phải PDF, JPG hoặc PNG.",
        ),
        (
            "to-khai.pdf",
            "png-bytes",
            "pdf,png",
            "Tệp “to-khai.pdf”: phần mở rộng “.pdf” không khớp với nội dung tệp (PNG).",
        ),
        (
            "a.png",
            "png-bytes",
            "pdf,jpeg",
            "Tệp “a.png”: giấy tờ này chỉ nhận định dạng PDF, JPEG.",
        ),
    ],
)
def test_each_refusal_says_which_file_and_why(name, data, accepted, message):
    data = image_bytes("PNG") if data == "png-bytes" else data
    assert refusal(name, data, accepted=accepted.split(",")) == [message]


def test_the_size_limit_is_inclusive_and_the_refusal_gives_both_sizes():
    data = pdf_bytes(b"0" * 2048)
    exact = check_upload(upload("lon.pdf", data), accepted_types=["pdf"], max_bytes=len(data))
    assert exact.size == len(data)
    assert refusal("lon.pdf", data, max_bytes=1024) == [
        "Tệp “lon.pdf”: dung lượng 2,1\xa0KB vượt quá mức tối đa 1,0\xa0KB."
    ]


def test_a_file_longer_than_it_said_is_refused_from_its_bytes():
    """The size a client declares is not trusted: the bytes read decide."""
    data = pdf_bytes(b"0" * 2048)
    lying = upload("lon.pdf", data)
    lying.size = 100
    with pytest.raises(ValidationError) as info:
        check_upload(lying, accepted_types=["pdf"], max_bytes=1024)
    assert info.value.messages == ["Tệp “lon.pdf”: dung lượng vượt quá mức tối đa 1,0\xa0KB."]
    exact = upload("du.pdf", data)
    exact.size = 100
    assert check_upload(exact, accepted_types=["pdf"], max_bytes=len(data)).data == data


@pytest.mark.parametrize("name", ["SCAN.PDF", "ban.sao.cccd.pdf"])
def test_the_type_is_read_from_the_last_extension_in_any_case(name):
    assert check_upload(upload(name, pdf_bytes()), accepted_types=["pdf"], max_bytes=1000)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a" * 150, "a" * 150),  # exactly the limit: kept whole
        ("a" * 146 + ".pdf", "a" * 146 + ".pdf"),
        ("a" * 147 + ".pdf", "a" * 146 + ".pdf"),  # one too many: the stem gives way
        ("a" * 200 + ".abcde", "a" * 144 + ".abcde"),  # five letters still count as a type
        ("a" * 200 + ".abcdef", "a" * 150),  # six do not: plainly cut
        ("b" * 151, "b" * 150),
        (" . to khai.pdf . ", "to khai.pdf"),  # spaces and dots trimmed at both ends
        ("Gia\u0301y to\u031b\u0300.pdf", "Giáy tờ.pdf"),  # decomposed accents composed (NFC)
        (None, "tep-tai-len"),
        ("thư mục/con\\tờ khai.pdf", "tờ khai.pdf"),
    ],
)
def test_file_name_limits_and_cleaning(raw, expected):
    assert clean_filename(raw) == expected


def test_a_file_name_keeps_its_own_letters_and_a_long_one_its_last_extension():
    """Only spaces and dots are trimmed from the ends ("X-quang.pdf" keeps its X); a name
    too long is cut before its last extension, however many dots come before it."""
    from procedures.files import MAX_NAME, clean_filename

    assert clean_filename("Xquang phoi.pdf") == "Xquang phoi.pdf"
    assert clean_filename(" .bien ban. ") == "bien ban"
    long = "bien.ban.hop." + "x" * (MAX_NAME + 20) + ".pdf"
    cut = clean_filename(long)
    assert len(cut) == MAX_NAME and cut.endswith("x.pdf") and cut.startswith("bien.ban.hop.")
