"""Provinces and commune-level units after the 2025 reorganisation (no districts since 1/7/2025)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.db import BinarySort
from portal.text import nfc, sort_key
from procedures.constants import PlaceKind


class PlaceQuerySet(models.QuerySet):
    def ordered(self):
        # Binary order of the Vietnamese sort key, whatever the database's collation.
        return self.order_by(BinarySort("sort_key").asc(), "pk")


class Province(models.Model):
    """One of the 34 provinces and centrally-run cities (Resolution 202/2025/QH15)."""

    slug = models.SlugField(_("mã định danh"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=100, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=PlaceKind.choices)
    sort_key = models.CharField(max_length=200, editable=False, db_index=True)
    source = models.CharField(_("văn bản gốc"), max_length=200, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản gốc"), default=False)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = [BinarySort("sort_key").asc(), "pk"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        prefix = _("Thành phố") if self.kind == PlaceKind.CITY else _("Tỉnh")
        return f"{prefix} {self.name}"


class Ward(models.Model):
    """A commune-level unit (phường, xã, đặc khu) of a province."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="wards")
    slug = models.SlugField(_("mã định danh"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(_("loại"), max_length=20, choices=PlaceKind.choices)
    sort_key = models.CharField(max_length=200, editable=False, db_index=True)
    source = models.CharField(_("văn bản gốc"), max_length=200, blank=True)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản gốc"), default=False)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = [BinarySort("sort_key").asc(), "pk"]
        verbose_name = _("xã, phường, đặc khu")
        verbose_name_plural = _("xã, phường, đặc khu")
        constraints = [
            models.UniqueConstraint(fields=["province", "kind", "name"], name="ward_unique_name")
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.sort_key = sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        return f"{self.get_kind_display()} {self.name}"
