"""Admin for the staff side: working-day calendar, notifications, audit log."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import workdays
from .models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "reason", "national_status", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["reason"]
    date_hierarchy = "date"
    fields = ["date", "kind", "reason"]

    @admin.display(description=_("thứ"))
    def weekday(self, obj):
        return date_format(obj.date, "l")

    @admin.display(description=_("theo lịch quốc gia"))
    def national_status(self, obj):
        name = workdays.national_holiday(obj.date)
        if name:
            return name
        if workdays.is_base_working_day(obj.date):
            return _("Ngày làm việc")
        return _("Ngày nghỉ cuối tuần")
