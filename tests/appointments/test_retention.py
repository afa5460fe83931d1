"""Appointments lose the resident's data APPOINTMENT_RETENTION_DAYS after their day."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from appointments import retention
from appointments.constants import AppointmentStatus
from appointments.models import Appointment
from notifications.models import Notification
from staff.audit import AuditAction
from staff.models import AuditEntry
from tests.appointments.factories import AppointmentFactory, at

pytestmark = pytest.mark.django_db


def _on(day, **kwargs):
    return AppointmentFactory(starts_at=at(day, 8), **kwargs)


def test_only_appointments_past_the_period_are_anonymised(clock, settings):
    today = timezone.localdate(clock.now)
    settings.APPOINTMENT_RETENTION_DAYS = 180
    old = _on(today - dt.timedelta(days=181), arrived=True, email="an@example.com")
    missed = _on(today - dt.timedelta(days=200))  # still "booked": never swept
    kept = _on(today - dt.timedelta(days=180), no_show=True)
    retention.anonymise([], now=clock.now)  # nothing asked, nothing done

    out = io.StringIO()
    call_command("purge_appointments", "--dry-run", stdout=out)
    assert "2 lịch hẹn" in out.getvalue()
    assert Appointment.objects.filter(anonymised_at__isnull=False).count() == 0

    call_command("purge_appointments", stdout=io.StringIO())
    old.refresh_from_db()
    missed.refresh_from_db()
    kept.refresh_from_db()
    assert (old.name, old.phone, old.email) == (retention.PLACEHOLDER, "", "")
    assert old.anonymised_at is not None and old.status == AppointmentStatus.ARRIVED
    # A booking left "booked" on a day long gone is counted as the no-show it was.
    assert (missed.phone, missed.status) == ("", AppointmentStatus.NO_SHOW)
    assert kept.phone and kept.anonymised_at is None
    [entry] = AuditEntry.objects.filter(action=AuditAction.PURGE)
    assert entry.details == {"appointments": 2}
    # A second night finds nothing more.
    assert retention.purge(now=clock.now) == 0


def test_the_messages_sent_lose_their_addresses_and_texts(clock, settings):
    from notifications.models import NotificationChannel
    from notifications.services import notify

    settings.APPOINTMENT_RETENTION_DAYS = 30
    old = _on(timezone.localdate(clock.now) - dt.timedelta(days=31))
    with override_settings(TASKS_BACKEND="immediate"):
        notify(
            obj=old,
            channel=NotificationChannel.SMS,
            recipient=old.phone,
            template="appointments/notifications/reminder",
            context={"appointment": old, "procedure": old.procedure},
        )
    assert Notification.objects.get().recipient == old.phone
    assert retention.purge(now=clock.now) == 1
    note = Notification.objects.get()
    assert (note.recipient, note.body_text, note.body_html) == ("", "", "")


def test_the_period_cannot_be_shorter_than_the_no_show_rule():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import anphong.settings.base"],
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "x" * 50,
            "APPOINTMENT_RETENTION_DAYS": "10",
            "APPOINTMENT_NO_SHOW_DAYS": "30",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "APPOINTMENT_RETENTION_DAYS must be at least APPOINTMENT_NO_SHOW_DAYS" in result.stderr
