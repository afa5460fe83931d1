"""Factories for news and documents, with named states (published, scheduled, draft)."""

import importlib
import io
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from congress.constants import ArticleStatus, DocumentType
from congress.models import (
    Article,
    ArticleImage,
    Category,
    Document,
    IssuingBody,
    Target,
    TargetValue,
)


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


def ensure_term_targets():
    """The eleven targets of the term 2025–2030, as the data migration creates them.

    Transactional tests (browser tests) flush the tables, migration data included: this
    puts them back with the migration's own function.
    """
    from django.apps import apps

    from congress.models import Target

    if not Target.objects.exists():
        migration = importlib.import_module("congress.migrations.0005_term_targets_2025_2030")
        migration.create_targets(apps)


class TargetValueFactory(factory.django.DjangoModelFactory):
    """A value entered by an editor (through the service, like the admin)."""

    class Meta:
        model = TargetValue

    target = factory.LazyFunction(lambda: Target.objects.get(code="bao-hiem-y-te"))
    value = Decimal("95.5")
    measured_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    source = "Báo cáo của Bảo hiểm xã hội (kiểm thử)"

    class Params:
        demo = factory.Trait(is_demo=True)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from congress import services

        return services.target_value_add(**kwargs)
