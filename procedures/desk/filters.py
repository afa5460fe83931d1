"""Filters of the work queue: due dates in working hours, assignment, field, procedure."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procedures import access, deadlines, workdays
from procedures.models import Procedure, ProcedureField


class DueFilter(admin.SimpleListFilter):
    title = _("hạn trả")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [
            ("qua-han", _("Quá hạn")),
            ("24h", _("Đến hạn trong 24 giờ làm việc")),
            ("48h", _("Đến hạn trong 48 giờ làm việc")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        running = queryset.filter(status__in=deadlines.RUNNING_STATUSES)
        if self.value() == "qua-han":
            return running.filter(due_at__lt=now)
        if self.value() in ("24h", "48h"):
            hours = 24 if self.value() == "24h" else 48
            return running.filter(
                due_at__gte=now, due_at__lte=workdays.add_working_hours(now, hours)
            )
        return queryset


class AssignedToMeFilter(admin.SimpleListFilter):
    title = _("phân công")
    parameter_name = "phan-cong"

    def lookups(self, request, model_admin):
        return [("toi", _("Giao cho tôi")), ("chua", _("Chưa phân công"))]

    def queryset(self, request, queryset):
        if self.value() == "toi":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "chua":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


# Primary keys are 64-bit signed integers (BigAutoField) on SQLite and PostgreSQL alike.
MAX_PK = 2**63 - 1


class PkFilter(admin.SimpleListFilter):
    """A filter on a related row's primary key, read from the query string.

    A value that is not a primary key ("abc", "1.5", a number beyond 64 bits) would reach
    the database as it is and fail there with a 500: it is refused as
    ``IncorrectLookupParameters``, which the admin answers with a redirect to the bare list
    (``?e=1``), as it does for its own filters.
    """

    def pk_value(self):
        value = self.value()
        if value is None:
            return None
        # Length first: int() refuses strings of more than 4 300 digits with a ValueError.
        digits = value.isascii() and value.isdigit() and len(value) <= len(str(MAX_PK))
        if not (digits and 0 < int(value) <= MAX_PK):
            raise IncorrectLookupParameters(f"{self.parameter_name}: not an id: {value!r}")
        return int(value)


class FieldFilter(PkFilter):
    title = _("lĩnh vực")
    parameter_name = "linh-vuc"

    def lookups(self, request, model_admin):
        fields = ProcedureField.objects.all()
        if not access.sees_all(request.user):
            fields = fields.filter(pk__in=access.assigned_field_ids(request.user))
        return [(f.pk, f.name) for f in fields]

    def queryset(self, request, queryset):
        pk = self.pk_value()
        if pk is not None:
            return queryset.filter(procedure__field_id=pk)
        return queryset


class ProcedureFilter(PkFilter):
    title = _("thủ tục")
    parameter_name = "thu-tuc"

    def lookups(self, request, model_admin):
        procedures = Procedure.objects.only("pk", "name")
        if not access.sees_all(request.user):
            procedures = procedures.filter(field_id__in=access.assigned_field_ids(request.user))
        return [(p.pk, p.name) for p in procedures]

    def queryset(self, request, queryset):
        pk = self.pk_value()
        if pk is not None:
            return queryset.filter(procedure_id=pk)
        return queryset
