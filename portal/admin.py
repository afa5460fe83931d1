"""Admin of the ward's profile, and what every app's admin shares."""

import datetime as dt

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.models import PredecessorWard, WardProfile


class PredecessorWardInline(admin.TabularInline):
    model = PredecessorWard
    extra = 0


@admin.register(WardProfile)
class WardProfileAdmin(admin.ModelAdmin):
    inlines = [PredecessorWardInline]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "city", "authority", "tagline", "introduction"]}),
        (
            _("Liên hệ"),
            {
                "fields": [
                    "address",
                    "phone",
                    "hotline",
                    "email",
                    "office_hours",
                    "contacts_are_demo",
                ]
            },
        ),
        (
            _("Người chịu trách nhiệm chính"),
            {
                "fields": [
                    "editor_name",
                    "editor_title",
                    "editor_phone",
                    "editor_email",
                    "editor_is_demo",
                ]
            },
        ),
        (
            _("Số liệu và thành lập"),
            {
                "fields": [
                    "area_km2",
                    "population",
                    "founding_resolution",
                    "founding_resolution_body",
                    "founding_resolution_date",
                    "established_on",
                    "service_centre",
                ]
            },
        ),
        (_("Hệ thống"), {"fields": ["updated_at"]}),
    ]

    def has_add_permission(self, request):
        # One profile for the whole site.
        return super().has_add_permission(request) and not WardProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdminMixin:
    """Nobody adds, edits or deletes here, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DateHierarchyChangeList(ChangeList):
    """A changelist whose date hierarchy refuses an impossible date instead of failing.

    Django turns a ``ValueError`` of the hierarchy's year, month and day into
    ``IncorrectLookupParameters`` (the admin redirects to the bare list with ``?e=1``), but
    not a number too large for a C int (``OverflowError``), nor year 9999, whose end is year
    10 000, nor year 1, whose start in local time falls before 0001-01-01 UTC and fails in
    the database driver: each of those was a 500. Here the year must lie where the whole
    year, in any time zone, is a valid datetime.
    """

    YEARS = range(dt.MINYEAR + 1, dt.MAXYEAR)

    def get_filters(self, request):
        if self.date_hierarchy:
            year = self.filter_params.get(f"{self.date_hierarchy}__year")
            if year is not None:
                try:
                    valid = int(year[-1]) in self.YEARS
                except ValueError as e:
                    raise IncorrectLookupParameters(e) from e
                if not valid:
                    raise IncorrectLookupParameters(f"year out of range: {year[-1]!r}")
        try:
            return super().get_filters(request)
        except OverflowError as e:  # a month or day beyond a C int (ValueError: Django)
            raise IncorrectLookupParameters(e) from e


class SafeDateHierarchyMixin:
    """For a ModelAdmin with a ``date_hierarchy``: impossible dates never answer 500."""

    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList


def target_link(obj, label):
    """Link to the target's admin page when it has one, else the plain label."""
    if not obj.target_type_id:
        return "–"
    content_type = obj.target_type
    try:
        url = reverse(
            f"admin:{content_type.app_label}_{content_type.model}_change",
            args=[obj.target_id],
        )
    except NoReverseMatch:
        return label or f"{content_type.name} #{obj.target_id}"
    return format_html('<a href="{}">{}</a>', url, label or f"#{obj.target_id}")
