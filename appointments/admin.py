"""The desk's side: the day's appointments, arrivals, no-shows; capacities per field.

The list opens on today's appointments in time order; the reception marks arrivals per
row ("Đã đến") or for the ticked rows. A booking whose day passed without an arrival
counts as a no-show (AppointmentQuerySet.no_shows), whether or not the nightly sweep
has marked it yet.
"""

import datetime as dt
from functools import update_wrapper

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from appointments import services
from appointments.constants import AppointmentStatus
from appointments.models import Appointment, FieldCapacity
from procedures.validators import display_mobile


@admin.register(FieldCapacity)
class FieldCapacityAdmin(admin.ModelAdmin):
    list_display = ["field", "per_slot"]
    list_editable = ["per_slot"]
    list_select_related = ["field"]


class DayFilter(admin.SimpleListFilter):
    """Today by default: the desk's list of the day; tomorrow; every day."""

    title = _("ngày hẹn")
    parameter_name = "ngay"

    def lookups(self, request, model_admin):
        return [
            ("today", _("Hôm nay")),
            ("tomorrow", _("Ngày mai")),
            ("past", _("Đã qua")),
            ("all", _("Tất cả")),
        ]

    def choices(self, changelist):
        value = self.value() or "today"
        for lookup, title in self.lookup_choices:
            yield {
                "selected": value == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() is None and any(key.startswith("date__") for key in request.GET):
            return queryset  # a day picked in the date hierarchy
        today = timezone.localdate()
        value = self.value() or "today"
        if value == "today":
            return queryset.filter(date=today)
        if value == "tomorrow":
            return queryset.filter(date=today + dt.timedelta(days=1))
        if value == "past":
            return queryset.filter(date__lt=today)
        return queryset


def _no_shows_of_phone(today):
    missed = (
        Appointment.objects.no_shows(today)
        .filter(phone=OuterRef("phone"))
        .order_by()
        .values("phone")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(missed), 0)


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    change_list_template = "admin/appointments/appointment/change_list.html"
    list_display = [
        "time",
        "code",
        "name",
        "phone_display",
        "procedure",
        "status",
        "missed",
        "arrive_button",
    ]
    list_display_links = ["code"]
    list_filter = [DayFilter, "status", "field"]
    search_fields = ["code", "name", "phone", "procedure__name"]
    date_hierarchy = "date"
    ordering = ["starts_at", "pk"]
    list_select_related = ["procedure"]
    list_per_page = 100
    actions = ["mark_arrived"]
    fieldsets = [
        (_("Lịch hẹn"), {"fields": ["code", "procedure", "field", "date", "starts_at", "ends_at"]}),
        (_("Người đến"), {"fields": ["name", "phone", "email", "resident"]}),
        (
            _("Trạng thái"),
            {"fields": ["status", "created_at", "reminded_at", "arrived_at", "cancelled_at"]},
        ),
    ]
    readonly_fields = [
        "code",
        "procedure",
        "field",
        "date",
        "starts_at",
        "ends_at",
        "name",
        "phone",
        "email",
        "resident",
        "status",
        "created_at",
        "reminded_at",
        "arrived_at",
        "cancelled_at",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(missed_count=_no_shows_of_phone(timezone.localdate()))
        )

    def has_add_permission(self, request):
        return False  # bookings are made by residents through the booking page

    def has_delete_permission(self, request, obj=None):
        return False  # the no-show count needs the history

    @admin.display(description=_("giờ"), ordering="starts_at")
    def time(self, obj):
        start = timezone.localtime(obj.starts_at)
        return f"{start:%d/%m/%Y %H:%M}"

    @admin.display(description=_("số điện thoại"))
    def phone_display(self, obj):
        return display_mobile(obj.phone)

    @admin.display(description=_("số lần không đến"), ordering="missed_count")
    def missed(self, obj):
        return obj.missed_count

    @admin.display(description=_("đến"))
    def arrive_button(self, obj):
        if obj.status != AppointmentStatus.BOOKED:
            return "—"
        url = reverse("admin:appointments_appointment_arrive", args=[obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Đã đến"))

    @admin.action(description=_("Đánh dấu đã đến"), permissions=["change"])
    def mark_arrived(self, request, queryset):
        done = 0
        for appointment in queryset.filter(
            status__in=[AppointmentStatus.BOOKED, AppointmentStatus.NO_SHOW]
        ):
            try:
                _item, changed = services.mark_arrived(appointment=appointment)
            except ValidationError:
                continue
            done += changed
        self.message_user(
            request,
            ngettext("Đã ghi nhận %(n)d người đến.", "Đã ghi nhận %(n)d người đến.", done)
            % {"n": done},
            messages.SUCCESS,
        )

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        raw = request.GET.get("ngay") or "today"
        day = {"today": today, "tomorrow": today + dt.timedelta(days=1)}.get(raw)
        summary = None
        if day is not None:
            summary = Appointment.objects.filter(date=day).aggregate(
                booked=Count("pk", filter=~Q(status=AppointmentStatus.CANCELLED)),
                arrived=Count("pk", filter=Q(status=AppointmentStatus.ARRIVED)),
                cancelled=Count("pk", filter=Q(status=AppointmentStatus.CANCELLED)),
            )
            summary["day"] = day
        missed_days = (
            Appointment.objects.no_shows(today)
            .filter(date__gte=today - dt.timedelta(days=7))
            .order_by()
            .values("date")
            .annotate(n=Count("pk"))
            .order_by("-date")
        )
        context = {
            **(extra_context or {}),
            "day_summary": summary,
            "missed_days": list(missed_days),
        }
        return super().changelist_view(request, context)

    def get_urls(self):
        def wrap(view):
            def bound(request, *args, **kwargs):
                return view(request, *args, **kwargs)

            return self.admin_site.admin_view(update_wrapper(bound, view))

        own = [
            path("<int:pk>/da-den/", wrap(self.arrive_view), name="appointments_appointment_arrive")
        ]
        return own + super().get_urls()

    def arrive_view(self, request, pk):
        """Confirm, then record, one resident's arrival (a GET only shows the question)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        appointment = get_object_or_404(Appointment.objects.select_related("procedure"), pk=pk)
        if request.method == "POST":
            try:
                services.mark_arrived(appointment=appointment)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(
                    request, _("Đã ghi nhận %(name)s đã đến.") % {"name": appointment.name}
                )
            return redirect(
                reverse("admin:appointments_appointment_changelist") + "?ngay=all"
                if appointment.date != timezone.localdate()
                else reverse("admin:appointments_appointment_changelist")
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Ghi nhận người đến"),
            "appointment": appointment,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/appointments/appointment/arrive.html", context)
