"""Uploaded pictures are re-encoded without metadata, bounded, and cut into widths."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from PIL import Image

from congress.images import validate_image_upload
from tests.congress.factories import ArticleImageFactory, jpeg_bytes

pytestmark = pytest.mark.django_db


def _exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (20.0, 51.0, 0.0)}  # GPSInfo
    return exif.tobytes()


def test_exif_and_gps_are_stripped():
    photo = ArticleImageFactory(
        image=ContentFile(jpeg_bytes((2000, 1500), exif=_exif_with_gps()), "p.jpg")
    )
    with default_storage.open(photo.image.name) as stored:
        data = stored.read()
    assert b"CameraMaker" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


def test_renditions_and_dimensions():
    photo = ArticleImageFactory(image=ContentFile(jpeg_bytes((3000, 2000)), "p.jpg"))
    assert (photo.width, photo.height) == (2400, 1600)  # NEWS_IMAGE_MAX_SIDE
    assert [r["w"] for r in photo.renditions] == [480, 960, 1600]
    for rendition in photo.renditions:
        with default_storage.open(rendition["name"]) as f:
            assert Image.open(f).format == "WEBP"
    assert "480w" in photo.responsive.srcset and "1600w" in photo.responsive.srcset


def test_small_image_is_not_upscaled():
    photo = ArticleImageFactory(image=ContentFile(jpeg_bytes((600, 400)), "p.jpg"))
    assert [r["w"] for r in photo.renditions] == [480, 600]


def test_not_an_image_is_refused():
    with pytest.raises(ValidationError) as info:
        validate_image_upload(ContentFile(b"<svg onload=alert(1)>", "x.jpg"))
    assert info.value.code == "invalid"
    assert "không phải là ảnh" in str(info.value)


@override_settings(NEWS_IMAGE_MAX_PIXELS=1000)
def test_too_many_pixels_is_refused():
    with pytest.raises(ValidationError) as info:
        validate_image_upload(ContentFile(jpeg_bytes((100, 100)), "x.jpg"))
    assert info.value.code == "too_many_pixels"
    assert "quá nhiều điểm ảnh" in str(info.value)


@override_settings(NEWS_IMAGE_MAX_BYTES=100)
def test_too_large_file_is_refused():
    with pytest.raises(ValidationError) as info:
        validate_image_upload(ContentFile(jpeg_bytes(), "x.jpg"))
    assert info.value.code == "too_large"


def test_deleting_a_photo_removes_its_files(django_capture_on_commit_callbacks):
    photo = ArticleImageFactory()
    names = [photo.image.name, *(r["name"] for r in photo.renditions)]
    assert len(names) == 4  # the picture and its 480, 960 and 1200 px renditions
    assert [default_storage.exists(n) for n in names] == [True] * 4
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert [default_storage.exists(n) for n in names] == [False] * 4


def test_gallery_markup(client, ward):
    photo = ArticleImageFactory(caption="Quang cảnh Đại hội", credit="Ban biên tập")
    html = client.get(photo.article.get_absolute_url()).content.decode()
    figure = html.split('<figure class="gallery__item">')[1].split("</figure>")[0]
    assert 'loading="lazy"' in figure and "srcset=" in figure and "sizes=" in figure
    assert f'width="{photo.width}" height="{photo.height}"' in figure
    assert 'alt="Mô tả ảnh"' in figure
    assert "<figcaption>Quang cảnh Đại hội" in figure and "Ban biên tập" in figure
