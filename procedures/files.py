"""Checks and cleaning of residents' uploads: type from the bytes, images re-encoded.

A file is accepted only when its bytes are a PDF, JPEG or PNG, its extension agrees, it
is within the size limits (settings) and, for images, within the pixel guard. Images are
decoded and re-encoded, which drops EXIF/GPS and anything appended to the pixels.
"""

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.text import nfc
from procedures.constants import FileType

MAGIC = {
    FileType.PDF: (b"%PDF-",),
    FileType.JPEG: (b"\xff\xd8\xff",),
    FileType.PNG: (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {"pdf": FileType.PDF, "jpg": FileType.JPEG, "jpeg": FileType.JPEG, "png": FileType.PNG}
CONTENT_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.JPEG: "image/jpeg",
    FileType.PNG: "image/png",
}
STORED_EXTENSION = {FileType.PDF: "pdf", FileType.JPEG: "jpg", FileType.PNG: "png"}
# Active content a ward document never needs; refused rather than stored.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|Encrypt)\b")
MAX_NAME = 150


@dataclass
class CleanFile:
    data: bytes
    file_type: str
    original_name: str

    @property
    def size(self):
        return len(self.data)

    @property
    def content_type(self):
        return CONTENT_TYPES[self.file_type]

    @property
    def extension(self):
        return STORED_EXTENSION[self.file_type]

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


def clean_filename(name):
    """Keep only the last path part, drop control/format characters (bidi tricks), NFC."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in {"C"})
    name = nfc(name).strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (
            (stem[: MAX_NAME - len(ext) - 1] + dot + ext)
            if dot and len(ext) <= 5
            else name[:MAX_NAME]
        )
    return name or "tep-tai-len"


def sniff(head):
    for file_type, prefixes in MAGIC.items():
        if any(head.startswith(p) for p in prefixes):
            return file_type
    return None


def _sizes(size, limit):
    """The file's size and the limit as people read them ("10,0 MB"), with the exact
    bytes added when rounding makes them look the same (a file 1 KB over 10 MB)."""
    shown, most = filesizeformat(size), filesizeformat(limit)
    if shown == most:
        exact = _("%(size)s (%(bytes)s byte)")
        shown = exact % {"size": shown, "bytes": number_format(size, force_grouping=True)}
        most = exact % {"size": most, "bytes": number_format(limit, force_grouping=True)}
    return shown, most


def _reject(name, reason):
    raise ValidationError(
        _("Tệp “%(name)s”: %(reason)s"), params={"name": name, "reason": reason}, code="file"
    )


def check_upload(uploaded, *, accepted_types, max_bytes):
    """Return a CleanFile for `uploaded`, or raise ValidationError naming the file and why."""
    name = clean_filename(getattr(uploaded, "name", ""))
    size = getattr(uploaded, "size", None) or 0
    if size > max_bytes:
        shown, limit = _sizes(size, max_bytes)
        _reject(
            name,
            _("dung lượng %(size)s vượt quá mức tối đa %(max)s.") % {"size": shown, "max": limit},
        )
    if size == 0:
        _reject(name, _("tệp rỗng."))
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        _reject(name, _("chỉ nhận tệp PDF, JPG hoặc PNG."))
    uploaded.seek(0)
    data = uploaded.read(max_bytes + 1)
    if len(data) > max_bytes:
        _reject(
            name, _("dung lượng vượt quá mức tối đa %(max)s.") % {"max": filesizeformat(max_bytes)}
        )
    actual = sniff(data[:16])
    if actual is None:
        _reject(name, _("nội dung không phải PDF, JPG hoặc PNG."))
    if actual != claimed:
        _reject(
            name,
            _("phần mở rộng “.%(ext)s” không khớp với nội dung tệp (%(type)s).")
            % {"ext": extension, "type": FileType(actual).label},
        )
    if actual not in accepted_types:
        allowed = ", ".join(FileType(t).label for t in accepted_types)
        _reject(name, _("giấy tờ này chỉ nhận định dạng %(allowed)s.") % {"allowed": allowed})
    if actual == FileType.PDF:
        data = _check_pdf(name, data)
    else:
        data = _reencode_image(name, data, actual)
    return CleanFile(data=data, file_type=actual, original_name=name)


def _check_pdf(name, data):
    if b"%%EOF" not in data[-2048:]:
        _reject(name, _("tệp PDF bị hỏng hoặc không đầy đủ."))
    if PDF_ACTIVE.search(data):
        _reject(
            name, _("tệp PDF chứa mã lệnh, tệp đính kèm hoặc mật khẩu; hãy in lại ra PDF thường.")
        )
    return data


def _reencode_image(name, data, file_type):
    limit = settings.DOSSIER_MAX_IMAGE_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            expected = "JPEG" if file_type == FileType.JPEG else "PNG"
            if probe.format != expected:
                _reject(name, _("nội dung ảnh không hợp lệ."))
        if width * height > limit:
            _reject(
                name,
                _("ảnh quá lớn (%(w)s × %(h)s điểm ảnh); hãy chụp lại với độ phân giải thấp hơn.")
                % {"w": width, "h": height},
            )
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if file_type == FileType.JPEG:
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                image.save(out, format="JPEG", quality=88, optimize=True)
            else:
                if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    image = image.convert("RGBA")
                image.save(out, format="PNG", optimize=False)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        _reject(name, _("ảnh bị hỏng hoặc không đọc được."))
    return out.getvalue()
