"""Factories for news and documents, with named states (published, scheduled, draft)."""

import io
from datetime import date, timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from congress.constants import ArticleStatus, DocumentType
from congress.models import Article, ArticleImage, Category, Document, IssuingBody


def jpeg_bytes(size=(1200, 800), color=(120, 30, 30), exif=None):
    buffer = io.BytesIO()
    img = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    img.save(buffer, "JPEG", **kwargs)
    return buffer.getvalue()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Tin Đại hội số {n}")
    summary = "Tóm tắt bài viết về phường An Phong."
    body = "<p>Nội dung bài viết.</p>"
    category = factory.SubFactory(CategoryFactory)
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=ArticleStatus.DRAFT)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )
        with_cover = factory.Trait(
            cover=factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), "cover.jpg")),
            cover_alt="Ảnh đại diện",
        )


class ArticleImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleImage

    article = factory.SubFactory(ArticleFactory)
    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), "photo.jpg"))
    caption = factory.Sequence(lambda n: f"Chú thích ảnh {n}")
    alt = "Mô tả ảnh"
    order = factory.Sequence(lambda n: n)


class IssuingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuingBody
        django_get_or_create = ("name",)

    name = "UBND phường An Phong"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    doc_type = DocumentType.DECISION
    number = factory.Sequence(lambda n: f"{n}/QĐ-UBND")
    issuing_body = factory.SubFactory(IssuingBodyFactory)
    issued_on = date(2025, 8, 14)
    summary = "Quyết định về việc kiện toàn Trung tâm phục vụ hành chính công phường."

    class Params:
        hidden = factory.Trait(is_public=False)
        with_file = factory.Trait(
            file=factory.LazyFunction(
                lambda: ContentFile(b"%PDF-1.4\n%minimal\n%%EOF\n", "van-ban.pdf")
            )
        )
