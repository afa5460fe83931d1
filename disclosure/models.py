"""Disclosure entries (công khai) and their public files."""

import datetime as dt
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure.constants import MIN_POSTING_DAYS, RULES, Category, DisclosureStatus, PeriodKind
from disclosure.periods import PARTS, period_label
from portal.search.registry import index_text
from portal.text import nfc, unique_slug

# What a disclosed file may be, told from its first bytes (not the browser's claim): a
# PDF, or an Office Open XML workbook/document (budget tables are often spreadsheets),
# which is a ZIP archive and is told apart by its name.
FILE_TYPES = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".xlsx": (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ".docx": (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


def validate_disclosure_file(file):
    """Accept a PDF, XLSX or DOCX (checked from its bytes) within the size limit."""
    if file.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn: tối đa %(mb)s MB.")
            % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    suffix = PurePath(file.name or "").suffix.lower()
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if suffix not in FILE_TYPES or not head.startswith(FILE_TYPES[suffix][0]):
        raise ValidationError(_("Tệp phải là PDF, XLSX hoặc DOCX."), code="bad_type")


def disclosure_upload_to(instance, filename):
    suffix = PurePath(filename).suffix.lower()
    return f"cong-khai/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


def default_posted_on():
    return timezone.localdate()


class DisclosureEntryQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published and already posted (the one rule for the
        pages, the feeds, the sitemap and the search)."""
        return self.filter(status=DisclosureStatus.PUBLISHED, posted_on__lte=timezone.localdate())


class DisclosureEntry(models.Model):
    # Not unique per category and period: a period may hold an estimate and its
    # adjustment (dự toán điều chỉnh), or a report and its correction; each is its own entry.
    category = models.CharField(_("nội dung công khai"), max_length=40, choices=Category.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    period_year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    period_part = models.PositiveSmallIntegerField(
        _("quý / nửa năm"),
        default=0,
        help_text=_("Quý 1–4 hoặc nửa năm 1–2; để 0 với nội dung theo năm hoặc không theo kỳ."),
    )
    posted_on = models.DateField(_("ngày niêm yết"), default=default_posted_on)
    # Empty for what is posted permanently (Điều 13 khoản 2: khoản 4 and 13 of Điều 11).
    posted_until = models.DateField(
        _("niêm yết đến ngày"),
        null=True,
        blank=True,
        help_text=_(
            "Để trống: 30 ngày kể từ ngày niêm yết, hoặc niêm yết thường xuyên với quy chế "
            "dân chủ và thủ tục hành chính."
        ),
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=DisclosureStatus.choices,
        default=DisclosureStatus.DRAFT,
    )
    is_demo = models.BooleanField(
        _("dữ liệu minh họa"),
        default=False,
        help_text=_("Bật khi nội dung chỉ để minh họa, chưa phải số liệu thật của phường."),
    )
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = DisclosureEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_on", "-id"]
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("nội dung công khai")
        indexes = [
            models.Index(fields=["category", "status", "-posted_on"], name="disclosure_cat_idx"),
            models.Index(fields=["status", "-posted_on", "-id"], name="disclosure_list_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_defaults()
        if not self.slug:
            self.slug = unique_slug(DisclosureEntry, self.title, instance=self, max_length=120)
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "disclosure:entry_detail", kwargs={"category": self.category, "slug": self.slug}
        )

    @property
    def rule(self):
        return RULES[Category(self.category)]

    @property
    def period_label(self):
        return period_label(self.rule.period, self.period_year, self.period_part)

    @property
    def period_key(self):
        return (self.period_year, self.period_part)

    def clean(self):
        errors = {}
        if self.category in Category.values:
            kind = self.rule.period
            if kind != PeriodKind.NONE and not self.period_year:
                errors["period_year"] = _("Nội dung này công khai theo kỳ: hãy nhập năm.")
            if kind in PARTS and kind != PeriodKind.YEAR:
                if not 1 <= self.period_part <= PARTS[kind]:
                    errors["period_part"] = _("Kỳ phải từ 1 đến %(n)s.") % {"n": PARTS[kind]}
            elif self.period_part:
                errors["period_part"] = _("Nội dung này không chia theo quý hay nửa năm.")
        if self.period_year and not 2025 <= self.period_year <= 2100:
            errors["period_year"] = _("Năm không hợp lệ.")
        if self.posted_on and self.posted_until and self.posted_until < self.posted_on:
            errors["posted_until"] = _("Ngày kết thúc niêm yết phải sau ngày niêm yết.")
        if errors:
            raise ValidationError(errors)

    def fill_defaults(self):
        """Normalise the text and give the posting period its legal minimum if left empty."""
        self.title = nfc(self.title)
        self.summary = nfc(self.summary)
        permanent = self.category in Category.values and self.rule.is_permanent
        if self.posted_on and not self.posted_until and not permanent:
            self.posted_until = self.posted_on + dt.timedelta(days=MIN_POSTING_DAYS)

    def build_search_text(self, file_titles=None):
        if file_titles is None:
            file_titles = list(self.files.values_list("title", flat=True)) if self.pk else []
        return index_text(
            self.title, self.get_category_display(), self.period_label, self.summary, *file_titles
        )

    def is_posted(self, today=None):
        """Still within its posting period (đang niêm yết) on `today`."""
        today = today or timezone.localdate()
        return self.posted_on <= today and (self.posted_until is None or today <= self.posted_until)

    @property
    def is_public(self):
        return self.status == DisclosureStatus.PUBLISHED and self.posted_on <= timezone.localdate()


class DisclosureFile(models.Model):
    entry = models.ForeignKey(
        DisclosureEntry, verbose_name=_("nội dung"), on_delete=models.CASCADE, related_name="files"
    )
    title = models.CharField(_("tên tệp"), max_length=200)
    file = models.FileField(
        _("tệp (PDF, XLSX, DOCX)"),
        upload_to=disclosure_upload_to,
        max_length=200,
        validators=[validate_disclosure_file],
    )
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("tệp công khai")
        verbose_name_plural = _("tệp công khai")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        if self.file:
            try:
                self.file_size = self.file.size
            except (FileNotFoundError, OSError):
                self.file_size = None
        super().save(*args, **kwargs)
        self.refresh_entry_search_text()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.refresh_entry_search_text()
        return result

    def refresh_entry_search_text(self):
        """The entry's search column names its files: a file's title is found too."""
        entry = DisclosureEntry.objects.get(pk=self.entry_id)
        DisclosureEntry.objects.filter(pk=entry.pk).update(search_text=entry.build_search_text())

    @property
    def extension(self):
        return PurePath(self.file.name).suffix.lower()

    @property
    def content_type(self):
        return FILE_TYPES.get(self.extension, (None, "application/octet-stream"))[1]

    @property
    def type_label(self):
        return self.extension.lstrip(".").upper()

    def get_download_url(self):
        return reverse("disclosure:file_download", kwargs={"pk": self.pk})

    @property
    def download_filename(self):
        return f"{self.entry.slug}-{self.pk}{self.extension}"


@receiver(post_delete, sender=DisclosureFile, dispatch_uid="disclosure-file-storage")
def remove_stored_file(sender, instance, **kwargs):
    """Remove the stored file once its row is gone for good (also when the entry is
    deleted and takes its files with it), never for a deletion that rolled back."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
