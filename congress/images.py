"""Uploaded pictures: checked, re-encoded without metadata, and cut into a few widths.

Re-encoding through Pillow drops EXIF (GPS position, camera serial) and anything hidden
after the image data. Limits come from settings so that a 100-megapixel upload cannot
exhaust a worker.
"""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_upload(file):
    """Refuse files that are too large, not a picture, or too many pixels."""
    max_bytes = settings.NEWS_IMAGE_MAX_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            _("Ảnh quá lớn: tối đa %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    file.seek(0)
    try:
        with Image.open(file) as img:
            fmt = img.format
            width, height = img.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            _("Tệp không phải là ảnh hợp lệ (chấp nhận JPEG, PNG, WebP)."), code="invalid"
        ) from None
    finally:
        file.seek(0)
    if fmt not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("Định dạng ảnh không được hỗ trợ (chấp nhận JPEG, PNG, WebP)."), code="format"
        )
    if width * height > settings.NEWS_IMAGE_MAX_PIXELS:
        raise ValidationError(
            _("Ảnh có quá nhiều điểm ảnh (%(w)s × %(h)s).") % {"w": width, "h": height},
            code="too_many_pixels",
        )


def _open_clean(file):
    file.seek(0)
    img = Image.open(file)
    img = ImageOps.exif_transpose(img)  # keep the orientation the camera meant
    if img.mode not in ("RGB", "L"):
        background = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[-1])
        img = background
    return img.convert("RGB")


def _encode(img, fmt):
    buffer = io.BytesIO()
    if fmt == "WEBP":
        img.save(buffer, "WEBP", quality=80, method=4)
    else:
        img.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()  # no exif= argument: metadata is not written


def _resized(img, width):
    if img.width <= width:
        return img
    height = round(img.height * width / img.width)
    return img.resize((width, height), Image.Resampling.LANCZOS)


def process_upload(file, *, folder="tin-tuc"):
    """Store a clean copy of `file` and its renditions; return the field values.

    Returns {"name", "width", "height", "renditions": [{"w", "h", "name"}, ...]}: the
    name goes into the ImageField, the rest into plain columns so that showing a
    picture needs no file access and no query.
    """
    img = _open_clean(file)
    max_side = settings.NEWS_IMAGE_MAX_SIDE
    if max(img.size) > max_side:
        img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    stem = f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"
    name = default_storage.save(f"{stem}.jpg", ContentFile(_encode(img, "JPEG")))
    renditions = []
    for width in settings.NEWS_IMAGE_WIDTHS:
        version = _resized(img, min(width, img.width))
        rname = default_storage.save(
            f"{stem}-{version.width}.webp", ContentFile(_encode(version, "WEBP"))
        )
        renditions.append({"w": version.width, "h": version.height, "name": rname})
        if width >= img.width:
            break  # no upscaled copies
    return {"name": name, "width": img.width, "height": img.height, "renditions": renditions}


def delete_files(name, renditions):
    """Remove an image and its renditions from storage (after its row is gone)."""
    for path in [name, *(r["name"] for r in renditions or [])]:
        if path:
            default_storage.delete(path)
