"""Organs, terms, people and appointments: who holds which post, term by term.

Decree 42/2022/NĐ-CP Art. 4(1)(e) asks the portal to publish the organisation structure
and, for contact officials, name, position, unit, official phone and email. Past
appointments are never overwritten: a post that ends gets an end date and stays as history.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from personnel.constants import OrganKind
from portal.db import BinarySort  # noqa: F401 - migrations refer to it by this path
from portal.localized import Localized
from portal.text import fold, name_sort_key, nfc, sort_key, unique_slug


def _current_q(on, prefix=""):
    """Rows whose [start_date, end_date] span contains the day `on` (open end = still running)."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


class TermQuerySet(models.QuerySet):
    def current(self, on=None):
        return self.filter(_current_q(on or timezone.localdate())).order_by("-start_date")


class Term(models.Model):
    """A term of office (nhiệm kỳ), e.g. 2025–2030, opened by a congress."""

    name = models.CharField(
        _("tên nhiệm kỳ"), max_length=50, unique=True, help_text=_("Ví dụ: 2025–2030")
    )
    slug = models.SlugField(_("đường dẫn"), max_length=60, unique=True, blank=True)
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    is_demo = models.BooleanField(
        _("dữ liệu minh họa"),
        default=False,
        help_text=_("Bật khi nhiệm kỳ này chỉ để minh họa, không phải dữ liệu chính thức."),
    )

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="term_end_not_before_start",
                violation_error_message=_("Ngày kết thúc không thể trước ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        if not self.slug:
            self.slug = unique_slug(Term, self.name, instance=self, max_length=60)
        super().save(*args, **kwargs)

    def clean(self):
        self.name = nfc(self.name)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("Ngày kết thúc không thể trước ngày bắt đầu.")},
                code="end_before_start",
            )

    @classmethod
    def current_or_latest(cls, on=None):
        """Return the term running on `on` (today), else the latest one that has started."""
        on = on or timezone.localdate()
        return cls.objects.current(on).first() or cls.objects.filter(start_date__lte=on).first()


class OrganQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Organ(models.Model):
    """A body of the ward's political system; `parent` places it in the chart."""

    name = models.CharField(_("tên cơ quan, tổ chức"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=OrganKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=100, help_text=_("Số nhỏ đứng trước trong sơ đồ.")
    )
    functions = models.TextField(
        _("chức năng, nhiệm vụ"), blank=True, help_text=_("Mỗi đoạn cách nhau một dòng trống.")
    )
    functions_en = models.TextField(_("chức năng, nhiệm vụ (tiếng Anh)"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    contacts_are_demo = models.BooleanField(
        _("liên hệ là dữ liệu minh họa"),
        default=False,
        help_text=_("Bật khi điện thoại, thư điện tử chưa phải thông tin chính thức."),
    )
    is_active = models.BooleanField(
        _("đang hoạt động"),
        default=True,
        help_text=_("Bỏ chọn khi cơ quan giải thể: trang và lịch sử nhân sự vẫn được giữ."),
    )
    # Computed on save: Vietnamese dictionary order and diacritics-free search, both DBs.
    name_sort_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    search_name = models.CharField(max_length=200, editable=False, db_index=True, default="")

    name_i18n = Localized("name")
    functions_i18n = Localized("functions")

    objects = OrganQuerySet.as_manager()

    class Meta:
        ordering = ["order", BinarySort("name_sort_key").asc(), "pk"]
        verbose_name = _("cơ quan, tổ chức")
        verbose_name_plural = _("cơ quan, tổ chức")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.name_en = nfc(self.name_en)
        self.name_sort_key = sort_key(self.name)[:255]
        self.search_name = fold(self.name)[:200]
        if not self.slug:
            self.slug = unique_slug(Organ, self.name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("personnel:organ_detail", kwargs={"slug": self.slug})

    def clean(self):
        self.name = nfc(self.name)
        # A parent chain that loops back would make the chart infinite.
        seen, parent = {self.pk}, self.parent
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError(
                    {"parent": _("Cơ quan không thể trực thuộc chính nó hoặc cơ quan cấp dưới.")},
                    code="cycle",
                )
            seen.add(parent.pk)
            parent = parent.parent

    def functions_paragraphs(self):
        text = self.functions_i18n
        return [p.strip() for p in text.split("\n\n") if p.strip()]

    @property
    def has_contacts(self):
        return bool(self.address or self.phone or self.email)


class Person(models.Model):
    """An official. Contacts appear on the site only when `publish_contacts` is on."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True, blank=True)
    photo = models.ImageField(_("ảnh"), upload_to="people/%Y/", blank=True)
    photo_alt = models.CharField(
        _("mô tả ảnh"),
        max_length=200,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh, cho người dùng trình đọc màn hình."),
    )
    biography = models.TextField(_("tóm tắt tiểu sử"), blank=True)
    biography_en = models.TextField(_("tóm tắt tiểu sử (tiếng Anh)"), blank=True)
    duties = models.TextField(_("nhiệm vụ được phân công"), blank=True)
    duties_en = models.TextField(_("nhiệm vụ được phân công (tiếng Anh)"), blank=True)
    phone = models.CharField(_("điện thoại công vụ"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    # Decree 42/2022 Art. 4(1)(e): official contacts are published by decision, not by default.
    publish_contacts = models.BooleanField(
        _("công khai thông tin liên hệ"),
        default=False,
        help_text=_("Chỉ khi bật, điện thoại và thư điện tử công vụ mới hiện trên cổng."),
    )
    contacts_are_demo = models.BooleanField(
        _("liên hệ là dữ liệu minh họa"),
        default=False,
        help_text=_("Bật khi điện thoại, thư điện tử chưa phải thông tin chính thức."),
    )
    is_demo = models.BooleanField(
        _("người minh họa"),
        default=False,
        help_text=_("Bật cho hồ sơ dựng lên để minh họa: trang web ghi rõ “Dữ liệu minh họa”."),
    )
    name_sort_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    search_name = models.CharField(max_length=120, editable=False, db_index=True, default="")

    biography_i18n = Localized("biography")
    duties_i18n = Localized("duties")

    class Meta:
        ordering = [BinarySort("name_sort_key").asc(), "pk"]
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.photo_alt = nfc(self.photo_alt)
        self.name_sort_key = name_sort_key(self.full_name)[:255]
        self.search_name = fold(self.full_name)[:120]
        if not self.slug:
            self.slug = unique_slug(Person, self.full_name, instance=self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("personnel:person_detail", kwargs={"slug": self.slug})

    def clean(self):
        self.full_name = nfc(self.full_name)
        errors = {}
        if self.photo and not nfc(self.photo_alt):
            errors["photo_alt"] = _("Hãy mô tả ảnh để người khiếm thị cũng biết ảnh thể hiện gì.")
        if self.publish_contacts and not (self.phone or self.email):
            errors["publish_contacts"] = _("Chưa có điện thoại hay thư điện tử để công khai.")
        if errors:
            raise ValidationError(errors)

    @property
    def public_phone(self):
        return self.phone if self.publish_contacts else ""

    @property
    def public_email(self):
        return self.email if self.publish_contacts else ""

    @property
    def has_public_contacts(self):
        return bool(self.public_phone or self.public_email)


def post_key(title):
    """The comparison form of a position title: "Phó Bí thư" and "phó  bí thư" are one post."""
    return nfc(title).casefold()


class AppointmentQuerySet(models.QuerySet):
    def current(self, on=None):
        """Posts held on `on` (today): started, not ended, and their term not over."""
        on = on or timezone.localdate()
        return self.filter(_current_q(on)).filter(
            Q(term__end_date__isnull=True) | Q(term__end_date__gte=on)
        )

    def ended(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(end_date__lt=on) | Q(term__end_date__lt=on))

    def in_chart_order(self):
        """By rank (1 = head), then the person's name in Vietnamese order."""
        return self.order_by("rank", BinarySort("person__name_sort_key").asc(), "pk")


class Appointment(models.Model):
    """One post held by one person in one organ during one term."""

    person = models.ForeignKey(
        Person, verbose_name=_("cán bộ"), on_delete=models.PROTECT, related_name="appointments"
    )
    organ = models.ForeignKey(
        Organ,
        verbose_name=_("cơ quan, tổ chức"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    term = models.ForeignKey(
        Term, verbose_name=_("nhiệm kỳ"), on_delete=models.PROTECT, related_name="appointments"
    )
    title = models.CharField(
        _("chức danh"),
        max_length=150,
        help_text=_("Ví dụ: Bí thư, Phó Bí thư Thường trực, Chủ tịch"),
    )
    title_en = models.CharField(_("chức danh (tiếng Anh)"), max_length=150, blank=True)
    rank = models.PositiveSmallIntegerField(
        _("thứ bậc"),
        default=100,
        help_text=_("Số nhỏ đứng trước: 1 cho người đứng đầu, 2 cho cấp phó thứ nhất…"),
    )
    is_key = models.BooleanField(
        _("chức danh chủ chốt"),
        default=False,
        help_text=_("Hiện ở trang Lãnh đạo phường và trang Đại hội."),
    )
    start_date = models.DateField(_("ngày bắt đầu"))
    end_date = models.DateField(
        _("ngày thôi giữ chức"), null=True, blank=True, help_text=_("Để trống khi đang giữ chức.")
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    # The post as compared for "the same post twice in a term" (NFC, case-folded).
    title_key = models.CharField(max_length=150, editable=False, default="")

    title_i18n = Localized("title")

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["rank", BinarySort("person__name_sort_key").asc(), "pk"]
        verbose_name = _("chức vụ đảm nhiệm")
        verbose_name_plural = _("chức vụ đảm nhiệm")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organ", "term", "title_key"],
                name="appointment_one_post_per_term",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="appointment_end_not_before_start",
            ),
        ]
        indexes = [models.Index(fields=["organ", "term", "rank"])]

    def __str__(self):
        return f"{self.person} – {self.title}, {self.organ}"

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.title_en = nfc(self.title_en)
        self.title_key = post_key(self.title)
        super().save(*args, **kwargs)

    def clean(self):
        self.title = nfc(self.title)
        self.title_key = post_key(self.title)
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(
                _("Ngày thôi giữ chức không thể trước ngày bắt đầu."), code="end_before_start"
            )
        if self.person_id and self.organ_id and self.term_id and self.title_key:
            twin = Appointment.objects.filter(
                person_id=self.person_id,
                organ_id=self.organ_id,
                term_id=self.term_id,
                title_key=self.title_key,
            ).exclude(pk=self.pk)
            if twin.exists():
                errors["title"] = ValidationError(
                    _("%(person)s đã giữ chức %(title)s tại %(organ)s trong nhiệm kỳ %(term)s."),
                    code="same_post_twice",
                    params={
                        "person": self.person,
                        "title": self.title,
                        "organ": self.organ,
                        "term": self.term,
                    },
                )
        if errors:
            raise ValidationError(errors)

    def is_current(self, on=None):
        """The same rule as AppointmentQuerySet.current(), for rows already loaded."""
        on = on or timezone.localdate()
        term_end = self.term.end_date
        return (
            self.start_date <= on
            and (self.end_date is None or self.end_date >= on)
            and (term_end is None or term_end >= on)
        )
