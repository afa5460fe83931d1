"""The documents register (văn bản): the fields Decree 42/2022 asks a portal to list."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congress.constants import DocumentType
from portal.db import choice_label
from portal.search.registry import index_text
from portal.text import nfc, unique_slug


def validate_pdf(file):
    """Accept only a PDF (checked from its first bytes) within the size limit."""
    if file.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("Tệp quá lớn: tối đa %(mb)s MB.")
            % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(_("Tệp phải là văn bản PDF."), code="not_pdf")


def document_upload_to(instance, filename):
    return f"van-ban/{timezone.now():%Y}/{uuid.uuid4().hex}.pdf"


class IssuingBody(models.Model):
    """An authority that issues documents (Đảng ủy phường, UBND phường…)."""

    name = models.CharField(_("tên cơ quan"), max_length=200, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        if not self.slug:
            self.slug = unique_slug(IssuingBody, self.name, instance=self)
        super().save(*args, **kwargs)


class DocumentQuerySet(models.QuerySet):
    def public(self):
        """What the public register lists (the one rule for list, detail, search)."""
        return self.filter(is_public=True)


class Document(models.Model):
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    number = models.CharField(
        _("số, ký hiệu"), max_length=100, help_text=_("Ví dụ: 01-NQ/ĐU, 125/QĐ-UBND.")
    )
    issuing_body = models.ForeignKey(
        IssuingBody,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    summary = models.TextField(_("trích yếu"))
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    file = models.FileField(
        _("tệp văn bản (PDF)"),
        upload_to=document_upload_to,
        blank=True,
        max_length=200,
        validators=[validate_pdf],
    )
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_illustrative = models.BooleanField(
        _("bản minh họa"),
        default=False,
        help_text=_("Bật khi tệp đính kèm chỉ là bản minh họa, chưa phải văn bản gốc."),
    )
    is_public = models.BooleanField(_("công khai"), default=True)
    related_articles = models.ManyToManyField(
        "congress.Article", verbose_name=_("bài viết liên quan"), blank=True
    )
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        indexes = [
            models.Index(fields=["is_public", "-issued_on", "-id"], name="congress_doc_list_idx"),
            models.Index(fields=["doc_type", "-issued_on"], name="congress_doc_type_idx"),
        ]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def save(self, *args, **kwargs):
        self.number = nfc(self.number)
        self.summary = nfc(self.summary)
        if not self.slug:
            self.slug = unique_slug(
                Document,
                f"{self.get_doc_type_display()} {self.number} {self.issued_on:%Y}",
                instance=self,
                max_length=120,
            )
        self.search_text = index_text(
            self.get_doc_type_display(),
            self.number,
            self.summary,
            self.signer,
            self.issuing_body.name if self.issuing_body_id else "",
        )
        if self.file:
            try:
                self.file_size = self.file.size
            except (FileNotFoundError, OSError):
                self.file_size = None
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        name = self.file.name
        storage = self.file.storage
        result = super().delete(*args, **kwargs)
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        return result

    def get_absolute_url(self):  # noqa: DJ012 - after the save helpers it uses
        return reverse("congress:document_detail", kwargs={"slug": self.slug})

    @property
    def type_label(self):
        return choice_label(DocumentType, self.doc_type)

    @property
    def title(self):
        return self.title_of(self.type_label, self.number)

    @staticmethod
    def title_of(type_label, number):
        """The title of a document of this type and number, without a model row:
        "Quyết định số 12/QĐ-UBND", "Decision No. 12/QĐ-UBND"."""
        return gettext("%(type)s số %(number)s") % {"type": type_label, "number": number}

    def get_download_url(self):
        return reverse("congress:document_download", kwargs={"slug": self.slug})

    @property
    def download_filename(self):
        return f"{self.slug}.pdf"
