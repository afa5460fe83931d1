"""Admin for organs, terms, people and appointments."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from personnel.models import Appointment, Organ, Person, Term, post_key
from portal.text import fold


class CurrentAppointmentFilter(admin.SimpleListFilter):
    title = _("tình trạng")
    parameter_name = "tinh-trang"

    def lookups(self, request, model_admin):
        return [("current", _("Đang giữ chức")), ("ended", _("Đã thôi giữ chức"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "ended":
            return queryset.ended()
        return queryset


class AppointmentFormSet(BaseInlineFormSet):
    """Refuse two rows for the same post in one term inside one save.

    The model's clean() compares with saved rows only; rows typed together are compared here.
    """

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("title"):
                continue
            person = data.get("person") or self.instance
            organ = data.get("organ") or self.instance
            key = (
                person.pk or id(person),
                organ.pk or id(organ),
                data.get("term"),
                post_key(data["title"]),
            )
            if key in seen:
                form.add_error(
                    "title",
                    ValidationError(
                        _("Chức danh này đã được nhập hai lần cho cùng người, cùng nhiệm kỳ."),
                        code="same_post_twice",
                    ),
                )
            seen.add(key)


class AppointmentInline(admin.TabularInline):
    model = Appointment
    formset = AppointmentFormSet
    extra = 0
    fields = [
        "organ",
        "term",
        "title",
        "title_en",
        "rank",
        "is_key",
        "start_date",
        "end_date",
        "decision_number",
        "decision_date",
    ]
    autocomplete_fields = ["organ"]


class OrganMemberInline(AppointmentInline):
    """The same posts seen from the organ: the person instead of the organ."""

    fields = ["person", *AppointmentInline.fields[1:]]
    autocomplete_fields = ["person"]
    verbose_name_plural = _("thành viên qua các nhiệm kỳ")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "term")


class FoldedSearchMixin:
    """Admin search that ignores diacritics and case: "nguyen van phuc" finds Nguyễn Văn Phức."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results = results | queryset.filter(search_name__contains=fold(search_term))
        return results, may_have_duplicates


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date", "is_demo", "is_current"]
    search_fields = ["name"]

    @admin.display(description=_("đang diễn ra"), boolean=True)
    def is_current(self, obj):
        today = timezone.localdate()
        return obj.start_date <= today and (obj.end_date is None or obj.end_date >= today)


@admin.register(Organ)
class OrganAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "order", "is_active", "contacts_are_demo"]
    list_filter = ["kind", "is_active", ("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    list_editable = ["order"]
    search_fields = ["name", "name_en"]
    autocomplete_fields = ["parent"]
    inlines = [OrganMemberInline]
    # No prepopulated slug: the admin's JS URLify drops "đ"; save() uses slugify_vi.
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "kind", "parent", "order", "is_active"]}),
        (_("Chức năng, nhiệm vụ"), {"fields": ["functions", "functions_en"]}),
        (_("Liên hệ"), {"fields": ["address", "phone", "email", "contacts_are_demo"]}),
    ]


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["full_name", "current_posts", "publish_contacts", "is_demo"]
    list_filter = [
        "publish_contacts",
        "is_demo",
        ("appointments__organ", admin.RelatedOnlyFieldListFilter),
        ("appointments__term", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["full_name"]
    inlines = [AppointmentInline]
    fieldsets = [
        (None, {"fields": ["full_name", "slug", "is_demo"]}),
        (_("Ảnh"), {"fields": ["photo", "photo_alt"]}),
        (
            _("Tiểu sử và nhiệm vụ"),
            {"fields": ["biography", "biography_en", "duties", "duties_en"]},
        ),
        (
            _("Liên hệ công vụ"),
            {
                "fields": ["phone", "email", "publish_contacts", "contacts_are_demo"],
                "description": _(
                    "Theo Nghị định 42/2022/NĐ-CP (Điều 4 khoản 1 điểm e), điện thoại và thư "
                    "điện tử công vụ chỉ hiện trên cổng khi bật “công khai thông tin liên hệ”."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("appointments__organ", "appointments__term")
        )

    @admin.display(description=_("chức vụ hiện nay"))
    def current_posts(self, obj):
        today = timezone.localdate()
        posts = [
            f"{a.title}, {a.organ.name}" for a in obj.appointments.all() if a.is_current(today)
        ]
        return "; ".join(posts) or "—"


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "title",
        "organ",
        "term",
        "rank",
        "is_key",
        "start_date",
        "end_date",
        "decision",
    ]
    list_filter = [
        CurrentAppointmentFilter,
        ("organ", admin.RelatedOnlyFieldListFilter),
        "term",
        "is_key",
    ]
    list_select_related = ["person", "organ", "term"]
    search_fields = ["person__full_name", "person__search_name", "title", "organ__name"]
    autocomplete_fields = ["person", "organ"]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["person", "organ", "term", "title", "title_en", "rank", "is_key"]}),
        (
            _("Thời gian và quyết định"),
            {"fields": ["start_date", "end_date", "decision_number", "decision_date"]},
        ),
    ]

    def get_search_results(self, request, queryset, search_term):
        results, dup = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results = results | queryset.filter(person__search_name__contains=fold(search_term))
        return results, dup

    @admin.display(description=_("quyết định"))
    def decision(self, obj):
        if not obj.decision_number:
            return "—"
        if obj.decision_date:
            return format_html(
                "{} ({})", obj.decision_number, obj.decision_date.strftime("%d/%m/%Y")
            )
        return obj.decision_number
