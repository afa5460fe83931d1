"""A Party Congress (Đại hội): the day and its resolutions in brief (targets: targets.py).

The organs and key positions it appointed are not copied here: the Congress page reads
them from the appointment data of its term, so there is one record of who holds what.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.constants import CongressItemKind
from personnel.models import Organ, Term
from portal.localized import Localized


class Congress(models.Model):
    number = models.PositiveSmallIntegerField(_("lần thứ"), unique=True)
    name = models.CharField(_("tên Đại hội"), max_length=255)
    name_en = models.CharField(_("tên Đại hội (tiếng Anh)"), max_length=255, blank=True)
    term = models.ForeignKey(
        Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="congresses"
    )
    held_on = models.DateField(_("ngày khai mạc"))
    delegates = models.PositiveIntegerField(_("số đại biểu"))
    motto = models.CharField(_("phương châm Đại hội"), max_length=255, blank=True)
    motto_en = models.CharField(_("phương châm (tiếng Anh)"), max_length=255, blank=True)
    previous_term_name = models.CharField(
        _("nhiệm kỳ trước"),
        max_length=50,
        blank=True,
        help_text=_("Nhiệm kỳ mà phần kết quả tổng kết, ví dụ: 2020–2025."),
    )
    summary = models.TextField(
        _("tóm tắt"), blank=True, help_text=_("Mỗi đoạn cách nhau một dòng trống.")
    )
    summary_en = models.TextField(_("tóm tắt (tiếng Anh)"), blank=True)
    appointed_organs = models.ManyToManyField(
        Organ,
        verbose_name=_("cơ quan được chỉ định"),
        blank=True,
        related_name="congresses",
        help_text=_("Các cơ quan có quyết định chỉ định công bố tại Đại hội."),
    )

    name_i18n = Localized("name")
    motto_i18n = Localized("motto")
    summary_i18n = Localized("summary")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("Đại hội")
        verbose_name_plural = _("Đại hội")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("congress:congress")

    def summary_paragraphs(self):
        return [p.strip() for p in self.summary_i18n.split("\n\n") if p.strip()]


class CongressItem(models.Model):
    """One line of the orientation, a breakthrough, a directing point or a past result."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("loại"), max_length=20, choices=CongressItemKind.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))
    text_en = models.TextField(_("nội dung (tiếng Anh)"), blank=True)

    text_i18n = Localized("text")

    class Meta:
        ordering = ["kind", "order", "pk"]
        verbose_name = _("nội dung Đại hội")
        verbose_name_plural = _("nội dung Đại hội")

    def __str__(self):
        return self.text[:80]


class CongressGuest(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="guests")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("họ và tên"), max_length=120)
    role = models.CharField(_("chức vụ"), max_length=255)
    role_en = models.CharField(_("chức vụ (tiếng Anh)"), max_length=255, blank=True)
    gave_directing_speech = models.BooleanField(_("phát biểu chỉ đạo"), default=False)

    role_i18n = Localized("role")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("khách mời")
        verbose_name_plural = _("khách mời")

    def __str__(self):
        return self.name
