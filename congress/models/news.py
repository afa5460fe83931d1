"""News: categories, articles and their photo galleries."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from congress.constants import ArticleStatus
from congress.images import delete_files, process_upload, validate_image_upload
from congress.sanitize import EDITOR_EXTENSIONS, clean_html, html_to_text, render_html
from portal.search.registry import index_text
from portal.text import nfc, unique_slug


class Category(models.Model):
    """A news section (chuyên mục), e.g. "Tin Đại hội"."""

    name = models.CharField(_("tên chuyên mục"), max_length=100, unique=True)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Để trống: tự tạo từ tên (không dấu)."),
    )
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        if not self.slug:
            self.slug = unique_slug(Category, self.name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("congress:category", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """The one rule for what the public sees: published and its time has come."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=now or timezone.now())

    def scheduled(self, *, now=None):
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__gt=now or timezone.now())

    def for_list(self):
        """Only the columns a list or card shows (the body stays in the database)."""
        return self.select_related("category").only(
            "title",
            "slug",
            "summary",
            "published_at",
            "updated_at",  # the version of its card in the cache
            "is_featured",
            "cover",
            "cover_alt",
            "cover_width",
            "cover_height",
            "cover_renditions",
            "category__name",
            "category__slug",
        )


class ResponsiveImage:
    """What templates need to draw an image: src, srcset, width and height, no query."""

    def __init__(self, name, width, height, renditions, alt=""):
        self.name, self.width, self.height, self.alt = name, width, height, alt
        self.renditions = renditions or []

    @property
    def url(self):
        if self.renditions:
            return default_storage.url(self.renditions[-1]["name"])
        return default_storage.url(self.name)

    @property
    def small_url(self):
        return default_storage.url(self.renditions[0]["name"]) if self.renditions else self.url

    @property
    def srcset(self):
        return ", ".join(f"{default_storage.url(r['name'])} {r['w']}w" for r in self.renditions)

    @property
    def original_url(self):
        return default_storage.url(self.name)


class Article(models.Model):
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "Để trống: tự tạo từ tiêu đề (không dấu). Không đổi sau khi bài đã xuất bản, "
            "để đường dẫn đã chia sẻ không bị hỏng."
        ),
    )
    summary = models.TextField(_("sapo (tóm tắt)"), max_length=600)
    body = ProseEditorField(_("nội dung"), extensions=EDITOR_EXTENSIONS, sanitize=clean_html)
    category = models.ForeignKey(
        Category, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    author = models.CharField(_("tác giả / nguồn"), max_length=150, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("thời điểm xuất bản"),
        default=timezone.now,
        help_text=_("Có thể đặt trong tương lai: bài tự hiện khi đến giờ."),
    )
    first_published_at = models.DateTimeField(
        _("xuất bản lần đầu"), null=True, blank=True, editable=False
    )
    is_featured = models.BooleanField(_("tin nổi bật"), default=False)
    cover = models.ImageField(
        _("ảnh đại diện"), blank=True, max_length=200, validators=[validate_image_upload]
    )
    cover_alt = models.CharField(
        _("mô tả ảnh đại diện (alt)"),
        max_length=255,
        blank=True,
        help_text=_("Mô tả nội dung ảnh cho người dùng trình đọc màn hình."),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_renditions = models.JSONField(default=list, blank=True, editable=False)
    # Folded copies (lower case, no diacritics) kept up to date on save, for search.
    search_title = models.CharField(max_length=255, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        indexes = [
            # The list: published rows, newest first (and the keyset of deep pages).
            models.Index(
                fields=["status", "-published_at", "-id"], name="congress_article_pub_idx"
            ),
            models.Index(
                fields=["category", "status", "-published_at", "-id"],
                name="congress_article_cat_idx",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(is_featured=True),
                name="congress_article_feat_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.summary = (self.summary or "").strip()
        self.body = clean_html(self.body)
        if not self.slug or self._slug_follows_title():
            self.slug = unique_slug(Article, self.title, instance=self)
        if self.status == ArticleStatus.PUBLISHED and self.first_published_at is None:
            self.first_published_at = max(self.published_at, timezone.now())
        old_cover = self._process_cover()
        self.search_title = index_text(self.title)
        self.search_text = index_text(self.title, self.summary, html_to_text(self.body))
        super().save(*args, **kwargs)
        if old_cover:
            transaction.on_commit(lambda: delete_files(*old_cover))

    def _slug_follows_title(self):
        """A draft's slug follows its title; once published, the URL never changes."""
        loaded = getattr(self, "_loaded_title", None)
        return (
            self.first_published_at is None
            and loaded is not None
            and loaded != self.title
            and self.slug == unique_slug(Article, loaded, instance=self)
        )

    def _process_cover(self):
        loaded = getattr(self, "_loaded_cover", None)
        old = (str(loaded), self.cover_renditions) if loaded and str(loaded) else None
        if self.cover and not getattr(self.cover, "_committed", True):
            info = process_upload(self.cover.file)
            self.cover.name = info["name"]
            self.cover._committed = True
            self.cover_width, self.cover_height = info["width"], info["height"]
            self.cover_renditions = info["renditions"]
            return old
        if not self.cover:
            self.cover_width = self.cover_height = None
            self.cover_renditions = []
            return old
        return None

    def get_absolute_url(self):  # noqa: DJ012 - after the save helpers it uses
        return reverse("congress:article_detail", kwargs={"slug": self.slug})

    def clean(self):
        self.title = nfc(self.title)
        self.body = clean_html(self.body)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_title = instance.__dict__.get("title")
        instance._loaded_cover = instance.__dict__.get("cover")
        return instance

    @property
    def cover_image(self):
        if not self.cover:
            return None
        return ResponsiveImage(
            self.cover.name,
            self.cover_width,
            self.cover_height,
            self.cover_renditions,
            alt=self.cover_alt,
        )

    @property
    def is_public(self):
        return self.status == ArticleStatus.PUBLISHED and self.published_at <= timezone.now()

    @property
    def is_scheduled(self):
        return self.status == ArticleStatus.PUBLISHED and self.published_at > timezone.now()

    @property
    def body_html(self):
        return render_html(self.body)


class ArticleImage(models.Model):
    """One picture of an article's gallery, with the caption and alt text it needs."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(_("ảnh"), max_length=200, validators=[validate_image_upload])
    caption = models.CharField(_("chú thích"), max_length=300)
    alt = models.CharField(
        _("mô tả ảnh (alt)"),
        max_length=255,
        help_text=_("Mô tả nội dung ảnh cho người dùng trình đọc màn hình."),
    )
    credit = models.CharField(_("nguồn ảnh / tác giả"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    renditions = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("ảnh trong bài")
        verbose_name_plural = _("bộ ảnh")

    def __str__(self):
        return self.caption

    def save(self, *args, **kwargs):
        self.caption, self.alt, self.credit = nfc(self.caption), nfc(self.alt), nfc(self.credit)
        old = None
        if self.image and not getattr(self.image, "_committed", True):
            loaded = getattr(self, "_loaded_image", None)
            if loaded:
                old = (str(loaded), self.renditions)
            info = process_upload(self.image.file)
            self.image.name = info["name"]
            self.image._committed = True
            self.width, self.height, self.renditions = (
                info["width"],
                info["height"],
                info["renditions"],
            )
        super().save(*args, **kwargs)
        if old:
            transaction.on_commit(lambda: delete_files(*old))

    def delete(self, *args, **kwargs):
        files = (self.image.name, self.renditions)
        result = super().delete(*args, **kwargs)
        transaction.on_commit(lambda: delete_files(*files))
        return result

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_image = instance.__dict__.get("image")
        return instance

    @property
    def responsive(self):
        return ResponsiveImage(self.image.name, self.width, self.height, self.renditions, self.alt)


def image_sizes_attr():
    """The `sizes` attribute for a full-width image in the article column."""
    return settings.NEWS_IMAGE_SIZES
