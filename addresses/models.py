"""Former commune-level units, the units of 1/7/2025, and which became which.

Loaded from addresses/data/nq1669_haiphong.csv by a data migration; read-only at run time.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from addresses.constants import NewKind, OldKind, Share
from portal.text import fold, sort_key


class NewUnit(models.Model):
    province = models.CharField(_("tỉnh, thành phố"), max_length=60)
    kind = models.CharField(_("loại"), max_length=10, choices=NewKind.choices)
    name = models.CharField(_("tên"), max_length=80)
    item = models.PositiveSmallIntegerField(
        _("khoản"), help_text=_("Khoản của Điều 1 nghị quyết thành lập đơn vị.")
    )
    resolution = models.CharField(_("nghị quyết"), max_length=40)
    sort_key = models.CharField(max_length=200, editable=False)

    class Meta:
        verbose_name = _("đơn vị hành chính mới")
        verbose_name_plural = _("đơn vị hành chính mới")
        ordering = ["item"]
        constraints = [
            models.UniqueConstraint(fields=["province", "kind", "name"], name="newunit_unique")
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.get_kind_display()} {self.name}"


class OldUnit(models.Model):
    province = models.CharField(_("tỉnh, thành phố cũ"), max_length=60)
    district = models.CharField(_("quận, huyện cũ"), max_length=60)
    kind = models.CharField(_("loại"), max_length=10, choices=OldKind.choices)
    name = models.CharField(_("tên"), max_length=80)
    code = models.CharField(_("mã đơn vị cũ"), max_length=10, blank=True)
    # fold(name): the free-text search ignores case and diacritics.
    folded = models.CharField(max_length=80, editable=False, db_index=True)
    sort_key = models.CharField(max_length=200, editable=False)
    new_units = models.ManyToManyField(NewUnit, through="Mapping", related_name="old_units")

    class Meta:
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("đơn vị hành chính cũ")
        ordering = ["province", "district", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "district", "kind", "name"], name="oldunit_unique"
            )
        ]
        # The narrowing form filters by province, then district.
        indexes = [models.Index(fields=["province", "district"], name="oldunit_place")]

    def __str__(self):
        return f"{self.full_name}, {self.district}"

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.get_kind_display()} {self.name}"


class Mapping(models.Model):
    old = models.ForeignKey(OldUnit, on_delete=models.CASCADE, related_name="mappings")
    new = models.ForeignKey(NewUnit, on_delete=models.CASCADE, related_name="mappings")
    share = models.CharField(_("phần chuyển sang"), max_length=20, choices=Share.choices)
    remainder_after = models.CharField(
        _("sau các khoản"),
        max_length=20,
        blank=True,
        help_text=_("Với “phần còn lại”: các khoản đã nhận phần khác trước."),
    )

    class Meta:
        verbose_name = _("chuyển đổi")
        verbose_name_plural = _("chuyển đổi")
        ordering = ["new__item"]
        constraints = [models.UniqueConstraint(fields=["old", "new"], name="mapping_unique")]

    def __str__(self):
        return f"{self.old} → {self.new}"

    @property
    def is_whole(self):
        return self.share == Share.WHOLE

    @property
    def item(self):
        return self.new.item
