"""The ward's own data (name, contacts, figures), edited in the admin, never in code."""

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal import pagecache
from portal.constants import MergeScope
from portal.localized import english_active
from portal.text import ascii_title

WARD_PROFILE_CACHE_KEY = "portal:ward-profile:v1"
# An administrative unit's word before its proper name, and its English word after it.
UNIT_WORDS = {"Phường": "Ward", "Xã": "Commune", "Thị trấn": "Township"}
CITY_WORDS = {"Thành phố": "City", "Tỉnh": "Province"}


def _english_unit_name(name):
    """ "Phường An Phong" -> "An Phong Ward", "Thành phố Hải Phòng" -> "Hai Phong City":
    English writes Vietnamese place names without diacritics and the unit word after."""
    for unit, english in {**UNIT_WORDS, **CITY_WORDS}.items():
        if name.startswith(f"{unit} "):
            return f"{ascii_title(name[len(unit) + 1 :])} {english}"
    return ascii_title(name)


class WardProfile(models.Model):
    """Site-wide settings: one row, cached, refreshed whenever an editor saves it."""

    name = models.CharField(_("tên phường"), max_length=100, default="Phường An Phong")
    city = models.CharField(_("thành phố"), max_length=100, default="Thành phố Hải Phòng")
    authority = models.CharField(
        _("cơ quan chủ quản cổng"), max_length=200, default="Ủy ban nhân dân phường An Phong"
    )
    tagline = models.CharField(_("khẩu hiệu"), max_length=255, blank=True)
    introduction = models.TextField(
        _("giới thiệu"), blank=True, help_text=_("Mỗi đoạn cách nhau một dòng trống.")
    )
    address = models.CharField(_("địa chỉ trụ sở"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.TextField(_("giờ làm việc"), blank=True)
    contacts_are_demo = models.BooleanField(
        _("liên hệ là dữ liệu minh họa"),
        default=True,
        help_text=_(
            "Bật khi địa chỉ, điện thoại, thư điện tử chưa phải số liệu chính thức: "
            "trang web sẽ ghi rõ là dữ liệu minh họa."
        ),
    )
    area_km2 = models.DecimalField(_("diện tích (km²)"), max_digits=8, decimal_places=2, null=True)
    population = models.PositiveIntegerField(_("dân số (người)"), null=True)
    founding_resolution = models.CharField(_("nghị quyết thành lập"), max_length=100, blank=True)
    founding_resolution_body = models.CharField(
        _("cơ quan ban hành nghị quyết"), max_length=200, blank=True
    )
    founding_resolution_date = models.DateField(_("ngày ban hành nghị quyết"), null=True)
    established_on = models.DateField(_("ngày chính thức hoạt động"), null=True)
    service_centre = models.TextField(_("Trung tâm Phục vụ hành chính công"), blank=True)
    # The person answering for the portal's content (người chịu trách nhiệm chính), shown
    # on the contact page and in the footer next to the authority's contacts (Decree
    # 42/2022/NĐ-CP Art. 4(1)(e): the agency's contacts and its contact officials).
    editor_name = models.CharField(
        _("họ tên người chịu trách nhiệm chính"), max_length=100, blank=True
    )
    editor_title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    editor_phone = models.CharField(_("điện thoại ban biên tập"), max_length=50, blank=True)
    editor_email = models.EmailField(_("thư điện tử ban biên tập"), blank=True)
    editor_is_demo = models.BooleanField(
        _("người chịu trách nhiệm là dữ liệu minh họa"),
        default=True,
        help_text=_(
            "Bật khi họ tên, chức vụ và liên hệ của người chịu trách nhiệm chưa phải "
            "thông tin chính thức: trang web sẽ ghi rõ là dữ liệu minh họa."
        ),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thông tin phường")
        verbose_name_plural = _("thông tin phường")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # a single row
        super().save(*args, **kwargs)
        cache.delete(WARD_PROFILE_CACHE_KEY)

    @classmethod
    def load(cls):
        """Return the one profile. Every page shows the ward's name, so each process keeps
        it while public content is unchanged (`pagecache.per_process`; a save bumps the
        version), reading it from the cache, else from the database."""
        return pagecache.per_process("ward_profile", cls._read)

    @classmethod
    def _read(cls):
        profile = cache.get(WARD_PROFILE_CACHE_KEY)
        if profile is None:
            profile = cls.objects.prefetch_related("predecessors").filter(pk=1).first()
            if profile is None:
                profile = cls(pk=1)
                profile._prefetched_objects_cache = {"predecessors": PredecessorWard.objects.none()}
            cache.set(WARD_PROFILE_CACHE_KEY, profile, pagecache.PER_PROCESS_SECONDS)
        return profile

    @property
    def name_i18n(self):
        """The ward's name in the page's language: "Phường An Phong", "An Phong Ward"."""
        return _english_unit_name(self.name) if english_active() else self.name

    @property
    def city_i18n(self):
        """The city's name in the page's language: "Thành phố Hải Phòng", "Hai Phong City"."""
        return _english_unit_name(self.city) if english_active() else self.city

    @property
    def name_in_text(self):
        """The name inside another name or a sentence, its unit word in lower case:
        "Cổng thông tin điện tử phường An Phong" (Decree 30/2020, Appendix II: only the
        proper name is capitalised). In English: "An Phong Ward"."""
        if english_active():
            return _english_unit_name(self.name)
        unit, space, rest = self.name.partition(" ")
        if unit in UNIT_WORDS and rest:
            return f"{unit.lower()}{space}{rest}"
        return self.name

    def introduction_paragraphs(self):
        return [p.strip() for p in self.introduction.split("\n\n") if p.strip()]


class PredecessorWard(models.Model):
    """A former ward whose area and population (whole or in part) formed An Phong."""

    profile = models.ForeignKey(WardProfile, on_delete=models.CASCADE, related_name="predecessors")
    name = models.CharField(_("tên đơn vị cũ"), max_length=100)
    former_district = models.CharField(_("thuộc quận/huyện cũ"), max_length=100, blank=True)
    scope = models.CharField(_("phạm vi sáp nhập"), max_length=10, choices=MergeScope.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("các đơn vị hành chính cũ")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(WARD_PROFILE_CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(WARD_PROFILE_CACHE_KEY)
        return result
