"""The catalogue of administrative procedures, their documents and their own questions."""

from functools import lru_cache

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.db import BinarySort, choice_label
from portal.text import fold, nfc, sort_key, unique_slug
from procedures.constants import DateLimit, DocumentForm, FileType, QuestionKind, ServiceLevel


class ProcedureField(models.Model):
    """A field of procedures (lĩnh vực); staff are assigned fields."""

    name = models.CharField(_("tên lĩnh vực"), max_length=120, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self):
        return self.name


_SLUG_PLACEHOLDER = "zzslugzz"


@lru_cache(maxsize=8)
def _detail_url_pattern(language):
    return reverse("procedures:procedure_detail", args=[_SLUG_PLACEHOLDER])


class ProcedureQuerySet(models.QuerySet):
    def published(self):
        """The one rule for what the public sees: list, detail, sitemap, search."""
        return self.filter(is_published=True)

    def search(self, query):
        folded = fold(query)
        if not folded:
            return self
        return self.filter(models.Q(search_text__contains=folded) | models.Q(code__iexact=query))


class Procedure(models.Model):
    code = models.CharField(
        _("mã thủ tục (mã TTHC)"),
        max_length=30,
        blank=True,
        help_text=_("Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, nếu có."),
    )
    name = models.CharField(_("tên thủ tục"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    field = models.ForeignKey(
        ProcedureField,
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("lĩnh vực"),
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    implementing_body = models.CharField(
        _("cơ quan thực hiện"), max_length=200, default="Ủy ban nhân dân phường An Phong"
    )
    service_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=10, choices=ServiceLevel.choices
    )
    processing_days = models.PositiveSmallIntegerField(
        _("thời hạn giải quyết (ngày làm việc)"),
        null=True,
        blank=True,
        help_text=_(
            "Để trống nếu giải quyết trong ngày. Nếu chưa đối chiếu được số ngày, để trống và "
            "ghi rõ ở ghi chú thời hạn: thủ tục chưa đối chiếu sẽ không hiện “Trong ngày”."
        ),
    )
    processing_note = models.CharField(_("ghi chú thời hạn"), max_length=300, blank=True)
    same_day_cutoff = models.TimeField(
        _("giờ nhận cuối trong ngày"),
        null=True,
        blank=True,
        help_text=_(
            "Hồ sơ tiếp nhận từ giờ này trở đi được tính là nhận vào ngày làm việc tiếp "
            "theo, ví dụ 15:00. Để trống: giờ đóng cửa của bộ phận một cửa."
        ),
    )
    fee_amount = models.PositiveIntegerField(
        _("phí, lệ phí (đồng)"),
        null=True,
        blank=True,
        help_text=_(
            "0 chỉ khi miễn cho mọi trường hợp. Để trống khi mức thu tùy trường hợp (ví dụ chỉ "
            "miễn khi đăng ký đúng hạn) và ghi vào phần mô tả."
        ),
    )
    fee_text = models.TextField(
        _("phí, lệ phí (mô tả)"),
        blank=True,
        help_text=_(
            "Khi để trống số tiền, phần này hiện thay số tiền trong danh mục: viết ngắn gọn, ví dụ "
            "“Miễn lệ phí (đăng ký đúng hạn)”."
        ),
    )
    eligibility = models.TextField(_("đối tượng thực hiện"), blank=True)
    steps = models.TextField(_("trình tự thực hiện"), blank=True, help_text=_("Mỗi bước một dòng."))
    result = models.CharField(_("kết quả"), max_length=300, blank=True)
    how_to_receive = models.TextField(_("cách nhận kết quả"), blank=True)
    legal_basis = models.TextField(
        _("căn cứ pháp lý"), blank=True, help_text=_("Mỗi văn bản một dòng.")
    )
    online_open = models.BooleanField(_("nhận hồ sơ trực tuyến"), default=True)
    is_published = models.BooleanField(_("hiển thị"), default=True)
    is_verified = models.BooleanField(
        _("đã đối chiếu"),
        default=False,
        help_text=_("Bật khi mã, thời hạn và phí đã được đối chiếu với văn bản công bố."),
    )
    verification_note = models.TextField(
        _("ghi chú đối chiếu"),
        blank=True,
        help_text=_(
            "Nguồn của mã, thời hạn, phí (địa chỉ hoặc số quyết định công bố) và điều gì còn "
            "chưa đối chiếu."
        ),
    )
    search_text = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=600, editable=False, default="", db_index=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        ordering = [BinarySort("sort_key").asc(), "pk"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        indexes = [models.Index(fields=["is_published", "field", "service_level", "sort_key"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        if not self.slug:
            self.slug = unique_slug(Procedure, self.name, instance=self, max_length=120)
        self.search_text = fold(f"{self.name} {self.code} {self.summary}")
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # reverse() once per language, then the slug (20 links on a catalogue page).
        return _detail_url_pattern(get_language()).replace(_SLUG_PLACEHOLDER, self.slug)

    @property
    def service_level_label(self):
        return choice_label(ServiceLevel, self.service_level)

    @property
    def is_same_day(self):
        return not self.processing_days

    # Labels drawn in Python, not by an {% include %} per procedure: an include costs a
    # template render each, 40 per catalogue page (bench/README.md).
    @property
    def processing_time_label(self):
        if self.processing_days:
            return ngettext(
                "%(days)s ngày làm việc", "%(days)s ngày làm việc", self.processing_days
            ) % {"days": self.processing_days}
        return gettext("Trong ngày")

    @property
    def fee_label(self):
        if self.fee_amount == 0:
            return gettext("Miễn phí")
        if self.fee_amount:
            return gettext("%(amount)s đồng") % {"amount": intcomma(self.fee_amount)}
        return gettext("Xem chi tiết")

    def steps_list(self):
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    def legal_basis_list(self):
        return [line.strip() for line in self.legal_basis.splitlines() if line.strip()]

    @property
    def accepts_online(self):
        return self.online_open and self.is_published


class PartOfProcedure(models.Model):
    """A row the procedure's start page shows (a document, a blank form): saving or deleting
    it marks the procedure changed, so the page kept in the cache under the procedure's
    last change is drawn again."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._touch_procedure()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._touch_procedure()
        return result

    def _touch_procedure(self):
        Procedure.objects.filter(pk=self.procedure_id).update(updated_at=timezone.now())


class ProcedureFormTemplate(PartOfProcedure):
    """A blank form (tờ khai) a resident may download before applying; public by nature."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="form_templates"
    )
    title = models.CharField(_("tên mẫu"), max_length=200)
    file = models.FileField(_("tệp"), upload_to="procedures/forms/")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("mẫu đơn, tờ khai")
        verbose_name_plural = _("mẫu đơn, tờ khai")

    def __str__(self):
        return self.title


def _validate_file_types(value):
    allowed = set(FileType.values)
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    if not chosen or not set(chosen) <= allowed:
        raise ValidationError(
            _("Chọn trong: %(types)s, cách nhau bởi dấu phẩy."),
            params={"types": ", ".join(allowed)},
        )


class RequiredDocument(PartOfProcedure):
    """One item of the dossier (thành phần hồ sơ): one upload slot in the online form."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("tên giấy tờ"), max_length=300)
    form = models.CharField(_("loại bản"), max_length=20, choices=DocumentForm.choices)
    copies = models.PositiveSmallIntegerField(_("số lượng"), default=1)
    is_mandatory = models.BooleanField(_("bắt buộc"), default=True)
    accepted_types = models.CharField(
        _("định dạng chấp nhận"),
        max_length=40,
        default="pdf,jpeg,png",
        validators=[_validate_file_types],
        help_text=_("pdf, jpeg, png – cách nhau bởi dấu phẩy."),
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("dung lượng tối đa (MB)"),
        null=True,
        blank=True,
        help_text=_("Để trống để dùng giới hạn chung của hệ thống."),
    )
    help_text = models.CharField(_("hướng dẫn"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self):
        return self.name

    def accepted_type_list(self):
        return [v.strip() for v in self.accepted_types.split(",") if v.strip()]

    def accepted_types_display(self):
        return ", ".join(FileType(v).label for v in self.accepted_type_list())

    @property
    def max_bytes(self):
        limit = settings.DOSSIER_MAX_FILE_SIZE
        if self.max_size_mb:
            limit = min(limit, self.max_size_mb * 1024 * 1024)
        return limit


class ProcedureQuestion(models.Model):
    """A question of the procedure's own, configured in the admin; the form is built from it."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(
        _("khóa"), max_length=50, help_text=_("Tên ngắn, không dấu, duy nhất trong thủ tục.")
    )
    label = models.CharField(_("câu hỏi"), max_length=300)
    kind = models.CharField(_("kiểu trả lời"), max_length=20, choices=QuestionKind.choices)
    help_text = models.CharField(_("hướng dẫn"), max_length=300, blank=True)
    choices = models.TextField(
        _("lựa chọn"), blank=True, help_text=_("Với kiểu 'Chọn một': mỗi lựa chọn một dòng.")
    )
    required = models.BooleanField(_("bắt buộc"), default=True)
    whole_number = models.BooleanField(
        _("chỉ nhận số nguyên"),
        default=True,
        help_text=_("Với kiểu 'Số': bỏ chọn nếu câu trả lời có thể có phần thập phân, ví dụ 2,5."),
    )
    min_value = models.DecimalField(
        _("giá trị nhỏ nhất"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Với kiểu 'Số': để trống nếu không giới hạn, ví dụ 1 với số bản."),
    )
    max_value = models.DecimalField(
        _("giá trị lớn nhất"),
        max_digits=15,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Với kiểu 'Số': để trống nếu không giới hạn."),
    )
    date_limit = models.CharField(
        _("giới hạn ngày"),
        max_length=20,
        choices=DateLimit.choices,
        default=DateLimit.ANY,
        blank=True,
        help_text=_("Với kiểu 'Ngày', so với ngày công dân trả lời."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("câu hỏi riêng của thủ tục")
        verbose_name_plural = _("câu hỏi riêng của thủ tục")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "key"], name="question_unique_key")
        ]

    def __str__(self):
        return self.label

    def choice_list(self):
        return [nfc(line) for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        if self.kind == QuestionKind.CHOICE and len(self.choice_list()) < 2:
            errors["choices"] = _("Cần ít nhất hai lựa chọn.")
        bounds = {"min_value": self.min_value, "max_value": self.max_value}
        if self.kind == QuestionKind.NUMBER:
            for name, bound in bounds.items():
                if bound is not None and self.whole_number and bound != int(bound):
                    errors[name] = _("Câu hỏi chỉ nhận số nguyên: giới hạn cũng phải là số nguyên.")
            low, high = bounds.values()
            if "max_value" not in errors and None not in (low, high) and low > high:
                errors["max_value"] = _("Giá trị lớn nhất không được nhỏ hơn giá trị nhỏ nhất.")
        else:
            for name, bound in bounds.items():
                if bound is not None:
                    errors[name] = _("Chỉ dùng cho câu hỏi kiểu 'Số'; để trống với kiểu khác.")
        if self.date_limit and self.kind != QuestionKind.DATE:
            errors["date_limit"] = _(
                "Chỉ dùng cho câu hỏi kiểu 'Ngày'; chọn “Bất kỳ ngày nào” với kiểu khác."
            )
        if errors:
            raise ValidationError(errors)
