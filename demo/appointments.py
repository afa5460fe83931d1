"""Demo desk appointments for `make run`: capacities per field and a few bookings.

Every name says it is demo data; the phone numbers are not real subscribers' (+84 900
000 0xx). Rows are written directly, without the booking service, so loading the demo
texts nobody. Idempotent: capacities are update_or_create; bookings are added only while
no demo booking lies ahead.
"""

import datetime as dt
import secrets

from django.utils import timezone

from appointments import slots
from appointments.models import Appointment, FieldCapacity, hash_manage_token
from procedures.models import Procedure, ProcedureField

DEMO_MARK = "(dữ liệu minh họa)"
NAMES = ["Nguyễn Văn Minh", "Trần Thị Hoa", "Lê Văn Nam", "Phạm Thị Lan"]


def load(stdout=None):
    for field in ProcedureField.objects.all():
        FieldCapacity.objects.update_or_create(field=field, defaults={"per_slot": 2})
    today = timezone.localdate()
    if Appointment.objects.filter(name__endswith=DEMO_MARK, date__gte=today).exists():
        return
    procedures = list(Procedure.objects.published().select_related("field")[:4])
    days = slots.bookable_days()
    if not procedures or not days:
        return
    day_slots = slots.day_slots(days[0])
    for n, (name, procedure) in enumerate(zip(NAMES, procedures * 4, strict=False)):
        slot = day_slots[min(n * 2, len(day_slots) - 1)]
        Appointment.objects.create(
            code=f"LH{slot.date:%d%m%y}-DEMO{n}",
            procedure=procedure,
            field=procedure.field,
            date=slot.date,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            name=f"{name} {DEMO_MARK}",
            phone=f"+8490000000{n}",
            manage_token_hash=hash_manage_token(secrets.token_urlsafe(32)),
            created_at=timezone.now() - dt.timedelta(days=1),
        )
    if stdout:
        stdout.write("Demo appointments loaded.")
