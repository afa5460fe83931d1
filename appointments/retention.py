"""Retention: a desk appointment loses its resident's data a set time after its day.

Personal Data Protection Law 91/2025/QH15: data are kept no longer than the purpose needs.
An appointment's purpose ends with the visit; the no-show rule looks back
APPOINTMENT_NO_SHOW_DAYS, so APPOINTMENT_RETENTION_DAYS (180 by default, never shorter:
the settings refuse it) after the appointment's day `anonymise` blanks the name, phone and
e-mail and the addresses and texts of the messages sent. The code, procedure, field, slot
and status stay: the desk's counts of arrivals and no-shows do not change. A booking still
"booked" on a day long gone is a no-show (AppointmentQuerySet.no_shows) and is recorded so.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from appointments.constants import AppointmentStatus
from appointments.models import Appointment
from notifications.models import Notification
from portal.maintenance import purge_in_batches
from staff.audit import AuditAction, audit

PLACEHOLDER = "(đã ẩn danh)"


def due_for_purge(now=None, days=None):
    days = settings.APPOINTMENT_RETENTION_DAYS if days is None else days
    last_day = timezone.localdate(now) - dt.timedelta(days=days)
    return Appointment.objects.filter(date__lt=last_day, anonymised_at__isnull=True)


def anonymise(ids, *, now=None):
    """Blank the resident's data of the appointments `ids`; return how many."""
    now = now or timezone.now()
    ids = list(ids)
    if not ids:
        return 0
    with transaction.atomic():
        count = Appointment.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
            name=PLACEHOLDER,
            phone="",
            email="",
            resident=None,
            status=Case(
                When(status=AppointmentStatus.BOOKED, then=Value(AppointmentStatus.NO_SHOW)),
                default=F("status"),
            ),
            anonymised_at=now,
        )
        Notification.objects.filter(
            target_type__app_label="appointments",
            target_type__model="appointment",
            target_id__in=[str(i) for i in ids],
        ).update(recipient="", body_text="", body_html="")
    return count


def purge(*, now=None, days=None, batch=500, actor=None):
    """Anonymise every appointment past retention, in batches; return the total."""
    total = purge_in_batches(lambda: due_for_purge(now, days), anonymise, now=now, batch=batch)
    if total:
        audit(actor=actor, action=AuditAction.PURGE, target=None, appointments=total)
    return total
