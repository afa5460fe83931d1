"""Writes of the desk appointments: book, cancel, move, arrive, mark no-shows, remind.

A booking is counted and written under a row lock on its slot's SlotCounter: two residents
taking the last place at once queue on that row, and the second one is refused. The
messages to the resident are recorded with the booking and go out after commit
(notifications.services.notify), so a refused booking sends nothing.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from appointments import slots as slot_rules
from appointments.constants import AppointmentStatus
from appointments.models import Appointment, SlotCounter, hash_manage_token
from notifications.models import NotificationChannel
from notifications.services import notify

# No 0/O, 1/I/L: the code is read aloud at the desk and typed from an SMS.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class BookingRefused(ValidationError):
    """The slot filled meanwhile, or the phone may not book more (message says which)."""


def new_manage_token():
    return secrets.token_urlsafe(32)


def _new_code(day):
    for _attempt in range(10):
        suffix = "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))
        code = f"LH{day:%d%m%y}-{suffix}"
        if not Appointment.objects.filter(code=code).exists():
            return code
    raise RuntimeError("No free appointment code after ten draws.")


def check_phone_may_book(phone, *, exclude=None, now=None):
    """Refuse a phone holding too many future bookings, or missing too many lately."""
    now = now or timezone.now()
    active = Appointment.objects.active().filter(phone=phone, starts_at__gt=now)
    if exclude is not None:
        active = active.exclude(pk=exclude.pk)
    if active.count() >= settings.APPOINTMENT_MAX_ACTIVE_PER_PHONE:
        raise BookingRefused(
            _(
                "Số điện thoại này đã có %(n)s lịch hẹn chưa đến ngày. Xin hủy hoặc đổi một lịch "
                "hẹn cũ trước khi đặt thêm."
            )
            % {"n": settings.APPOINTMENT_MAX_ACTIVE_PER_PHONE},
            code="too_many",
        )
    limit = settings.APPOINTMENT_NO_SHOW_LIMIT
    if limit:
        since = timezone.localdate(now) - dt.timedelta(days=settings.APPOINTMENT_NO_SHOW_DAYS)
        missed = Appointment.objects.no_shows(timezone.localdate(now)).filter(
            phone=phone, date__gte=since
        )
        if missed.count() >= limit:
            raise BookingRefused(
                _(
                    "Số điện thoại này đã không đến %(n)s lịch hẹn gần đây nên tạm thời không "
                    "đặt lịch trực tuyến được. Ông/bà vẫn có thể đến Bộ phận một cửa trong giờ "
                    "làm việc."
                )
                % {"n": missed.count()},
                code="no_shows",
            )


def _lock_slot(slot, field):
    """Lock the slot's counter row and refuse if it has no place left for `field`."""
    SlotCounter.objects.get_or_create(starts_at=slot.starts_at)
    SlotCounter.objects.select_for_update().get(starts_at=slot.starts_at)
    active = Appointment.objects.active().filter(starts_at=slot.starts_at)
    free = slot_rules.free_places(
        active.count(), active.filter(field=field).count(), slot_rules.field_limit(field)
    )
    if free <= 0:
        raise BookingRefused(
            _("Khung giờ này vừa hết chỗ. Xin chọn khung giờ khác."), code="slot_full"
        )


def book_appointment(*, procedure, slot_key, name, phone, email="", resident=None, now=None):
    """Book a place in a slot; return (appointment, manage token). Raises ValidationError."""
    slot = slot_rules.find_slot(slot_key, now=now)
    if slot is None:
        raise BookingRefused(
            _("Khung giờ đã chọn không còn nhận đặt lịch. Xin chọn khung giờ khác."),
            code="no_slot",
        )
    token = new_manage_token()
    try:
        with transaction.atomic():
            _lock_slot(slot, procedure.field)
            check_phone_may_book(phone, now=now)
            appointment = Appointment(
                code=_new_code(slot.date),
                procedure=procedure,
                field=procedure.field,
                date=slot.date,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                name=name,
                phone=phone,
                email=email or "",
                resident=resident,
                manage_token_hash=hash_manage_token(token),
            )
            appointment.full_clean(validate_constraints=False)
            appointment.save()
            _notify(appointment, token, "booked")
    except IntegrityError:
        # The unique constraint: the same phone booked this slot in a parallel request.
        raise BookingRefused(
            _("Số điện thoại này đã có lịch hẹn vào khung giờ này."), code="duplicate"
        ) from None
    return appointment, token


def cancel_appointment(*, appointment):
    """Cancel a booking that has not begun; its place is free again at once."""
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if not locked.can_change:
            raise ValidationError(_("Lịch hẹn này không còn hủy được."), code="closed")
        locked.status = AppointmentStatus.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at"])
    return locked


def move_appointment(*, appointment, slot_key, token, now=None):
    """Move a booking to another slot, under the same rules as a new booking."""
    slot = slot_rules.find_slot(slot_key, now=now)
    if slot is None:
        raise BookingRefused(
            _("Khung giờ đã chọn không còn nhận đặt lịch. Xin chọn khung giờ khác."),
            code="no_slot",
        )
    try:
        with transaction.atomic():
            locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
            if not locked.can_change:
                raise ValidationError(_("Lịch hẹn này không còn đổi được."), code="closed")
            if slot.starts_at == locked.starts_at:
                return locked
            _lock_slot(slot, locked.field)
            locked.date, locked.starts_at, locked.ends_at = slot.date, slot.starts_at, slot.ends_at
            locked.reminded_at = None  # a reminder for the old day does not count
            locked.save(update_fields=["date", "starts_at", "ends_at", "reminded_at"])
            _notify(locked, token, "booked", moved=True)
    except IntegrityError:
        raise BookingRefused(
            _("Số điện thoại này đã có lịch hẹn vào khung giờ này."), code="duplicate"
        ) from None
    return locked


def mark_arrived(*, appointment, now=None):
    """The desk records that the resident came (also late, or on a missed day's list)."""
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.status == AppointmentStatus.CANCELLED:
            raise ValidationError(_("Lịch hẹn đã hủy."), code="cancelled")
        if locked.status == AppointmentStatus.ARRIVED:
            return locked, False
        locked.status = AppointmentStatus.ARRIVED
        locked.arrived_at = now or timezone.now()
        locked.save(update_fields=["status", "arrived_at"])
    return locked, True


def mark_no_shows(*, now=None):
    """Mark bookings of days gone by that nobody came to; return how many."""
    today = timezone.localdate(now)
    return (
        Appointment.objects.active().filter(date__lt=today).update(status=AppointmentStatus.NO_SHOW)
    )


def send_reminders(*, now=None):
    """Remind tomorrow's residents once each; return how many were reminded."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    count = 0
    pending = Appointment.objects.active().filter(date=tomorrow, reminded_at__isnull=True)
    for pk in pending.values_list("pk", flat=True):
        with transaction.atomic():
            item = (
                Appointment.objects.select_for_update()
                .select_related("procedure")
                .filter(pk=pk, status=AppointmentStatus.BOOKED, reminded_at__isnull=True)
                .first()
            )
            if item is None:  # another run reminded it, or it was cancelled meanwhile
                continue
            _notify(item, None, "reminder")
            item.reminded_at = now
            item.save(update_fields=["reminded_at"])
            count += 1
    return count


def absolute_manage_url(token):
    """The secret manage link for messages sent without a request (SITE_URL, Vietnamese)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("appointments:manage", args=[token])
    return settings.SITE_URL.rstrip("/") + path


def _notify(appointment, token, kind, moved=False):
    context = {
        "appointment": appointment,
        "procedure": appointment.procedure,
        "moved": moved,
        "manage_url": absolute_manage_url(token) if token else "",
    }
    template = f"appointments/notifications/{kind}"
    notify(
        obj=appointment,
        channel=NotificationChannel.SMS,
        recipient=appointment.phone,
        template=template,
        context=context,
    )
    if appointment.email:
        notify(
            obj=appointment,
            channel=NotificationChannel.EMAIL,
            recipient=appointment.email,
            template=template,
            context=context,
        )
