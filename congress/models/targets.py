"""The targets (chỉ tiêu) a Congress set for its term, and the values measured against them.

A target is a fact of the Congress's resolution: the eleven of the term 2025–2030 are
created by a data migration. Its values are a history that only grows: an editor adds a
value, never edits or deletes one; a mistake is put right by a new value that names the one
it corrects. The share of dossiers handled fully online is not entered at all: the portal
measures it from its own dossiers (congress.progress).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from congress.constants import TargetComputation, TargetDirection, TargetUnit
from portal.localized import Localized


def format_value(value, unit):
    """A value as read aloud: "95%", "3,5%/năm", "3" (decimal comma in Vietnamese)."""
    value = Decimal(value).normalize()
    if value == value.to_integral():
        value = value.quantize(Decimal(1))
    number = number_format(value, use_l10n=True)
    if unit == TargetUnit.PERCENT:
        return f"{number}%"
    if unit == TargetUnit.PERCENT_PER_YEAR:
        return _("%(number)s%%/năm") % {"number": number}
    return number


class TargetQuerySet(models.QuerySet):
    def of_term(self, term_name):
        return self.filter(term=term_name)


class Target(models.Model):
    """A target of the term: a number each later measurement is judged against."""

    term = models.CharField(
        _("nhiệm kỳ"), max_length=20, help_text=_("Tên nhiệm kỳ như ở Đại hội, ví dụ: 2025–2030.")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.SlugField(
        _("mã chỉ tiêu"),
        max_length=60,
        unique=True,
        help_text=_("Mã cố định, dùng trong đường dẫn, ví dụ: ho-so-truc-tuyen-toan-trinh."),
    )
    name = models.CharField(_("chỉ tiêu"), max_length=255)
    name_en = models.CharField(_("chỉ tiêu (tiếng Anh)"), max_length=255, blank=True)
    target_value = models.DecimalField(_("giá trị mục tiêu"), max_digits=9, decimal_places=2)
    unit = models.CharField(_("đơn vị"), max_length=20, choices=TargetUnit.choices)
    direction = models.CharField(
        _("cách đánh giá"),
        max_length=20,
        choices=TargetDirection.choices,
        default=TargetDirection.AT_LEAST,
    )
    due_on = models.DateField(
        _("hạn đạt chỉ tiêu"),
        help_text=_("Cuối nhiệm kỳ: tiến độ được so với lộ trình đều đến ngày này."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    note_en = models.CharField(_("ghi chú (tiếng Anh)"), max_length=255, blank=True)
    baseline_value = models.DecimalField(
        _("giá trị xuất phát"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Chỉ khi có số liệu thật của cùng chỉ tiêu ở nhiệm kỳ trước."),
    )
    baseline_on = models.DateField(_("thời điểm của giá trị xuất phát"), null=True, blank=True)
    baseline_label = models.CharField(_("mô tả giá trị xuất phát"), max_length=255, blank=True)
    baseline_label_en = models.CharField(
        _("mô tả giá trị xuất phát (tiếng Anh)"), max_length=255, blank=True
    )
    baseline_source = models.CharField(_("nguồn giá trị xuất phát"), max_length=255, blank=True)
    computed_from = models.CharField(
        _("nguồn số liệu tiến độ"),
        max_length=20,
        choices=TargetComputation.choices,
        default=TargetComputation.EDITOR,
    )

    name_i18n = Localized("name")
    note_i18n = Localized("note")
    baseline_label_i18n = Localized("baseline_label")

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["term", "order", "pk"]
        verbose_name = _("chỉ tiêu nhiệm kỳ")
        verbose_name_plural = _("chỉ tiêu nhiệm kỳ")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("congress:target_detail", kwargs={"slug": self.code})

    def clean(self):
        has_baseline = self.baseline_value is not None
        if has_baseline != bool(self.baseline_source) or has_baseline != bool(self.baseline_on):
            raise ValidationError(
                _("Giá trị xuất phát cần đủ ba thông tin: giá trị, thời điểm và nguồn.")
            )
        if self.computed_from == TargetComputation.FULLY_ONLINE and self.unit != TargetUnit.PERCENT:
            raise ValidationError({"unit": _("Tỷ lệ hồ sơ toàn trình tính bằng phần trăm.")})

    @property
    def is_computed(self):
        return self.computed_from != TargetComputation.EDITOR

    def display_value(self):
        return format_value(self.target_value, self.unit)

    def display_baseline(self):
        return "" if self.baseline_value is None else format_value(self.baseline_value, self.unit)


class TargetValue(models.Model):
    """One measurement of a target, as an editor entered it (never changed afterwards)."""

    target = models.ForeignKey(
        Target, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("giá trị"), max_digits=9, decimal_places=2)
    measured_on = models.DateField(_("số liệu tính đến ngày"))
    source = models.CharField(
        _("nguồn số liệu"),
        max_length=255,
        help_text=_("Văn bản, báo cáo hoặc cơ quan cung cấp số liệu."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("đính chính cho số liệu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text=_("Số liệu nhập sai mà số liệu này thay thế (vẫn được lưu)."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("nhập lúc"), default=timezone.now, editable=False)
    is_demo = models.BooleanField(_("dữ liệu minh họa"), default=False)

    class Meta:
        ordering = ["measured_on", "entered_at", "pk"]
        verbose_name = _("số liệu chỉ tiêu")
        verbose_name_plural = _("số liệu chỉ tiêu")
        indexes = [
            models.Index(fields=["target", "measured_on"], name="congress_value_target_date")
        ]

    def __str__(self):
        return f"{self.target}: {self.display_value()} ({self.measured_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        # The history only grows (a correction is a new row): an existing row is never
        # written again.
        if self.pk is not None:
            raise ValueError("A target value is never changed; add a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A target value is never deleted; add a correction instead.")

    def clean(self):
        if self.target_id is None:
            return
        if self.target.is_computed:
            raise ValidationError(
                _("Chỉ tiêu này được cổng tự tính từ hồ sơ, không nhập số liệu bằng tay.")
            )
        if self.measured_on and self.measured_on > timezone.localdate():
            raise ValidationError({"measured_on": _("Ngày số liệu không thể ở tương lai.")})
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("Giá trị không thể âm.")})
        if self.value is not None and self.target.unit == TargetUnit.PERCENT and self.value > 100:
            raise ValidationError({"value": _("Tỷ lệ phần trăm không vượt quá 100.")})
        if self.corrects is not None and self.corrects.target_id != self.target_id:
            raise ValidationError({"corrects": _("Chỉ đính chính được số liệu của cùng chỉ tiêu.")})
        if self.corrects is not None and not self.note:
            raise ValidationError({"note": _("Ghi rõ lý do đính chính.")})

    def display_value(self):
        return format_value(self.value, self.target.unit)
