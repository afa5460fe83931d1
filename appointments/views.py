"""The resident's side: book a slot from a procedure's page; see, cancel or move it.

Nothing here is cached: the slot list changes with every booking, and a booking's page
is reached only through its secret manage link (the token's hash is stored, never the
token; the booked page shows the link once, from the session).
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from accounts.identity import resident_account
from appointments import services, slots
from appointments.calendar import ics_for
from appointments.forms import BookingForm, SlotForm
from appointments.models import Appointment
from portal.ratelimit import hit, rate_limited, too_many_requests
from procedures.forms import error_summary
from procedures.models import Procedure
from procedures.validators import display_mobile

BOOKED_KEY = "appointments:booked"
# Which field of the form a refusal belongs to (the rest go on top of the form).
REFUSAL_FIELD = {"slot_full": "slot", "no_slot": "slot", "duplicate": "slot", "too_many": "phone"}


def _chosen_day(request, days):
    """The day asked for (?ngay=YYYY-MM-DD, or the form's `day`), else the first one."""
    value = request.POST.get("day") or request.GET.get("ngay") or ""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        day = None
    return day if day in days else (days[0] if days else None)


def _picker(request, field):
    days = slots.bookable_days()
    day = _chosen_day(request, days)
    return days, day, (slots.available_slots(day, field) if day else [])


def _refuse(form, exc):
    for error in exc.error_list:
        form.add_error(REFUSAL_FIELD.get(error.code), error.message)


@never_cache
@sensitive_post_parameters("name", "phone", "email")
@rate_limited("appointment")
def book(request, slug):
    procedure = get_object_or_404(Procedure.objects.published().select_related("field"), slug=slug)
    days, day, day_slots = _picker(request, procedure.field)
    if request.method == "POST":
        form = BookingForm(request.POST, slots=day_slots)
        if form.is_valid():
            data = form.cleaned_data
            wait = hit("appointment_phone", request, who=data["phone"])
            if wait:
                return too_many_requests(request, wait)
            account = resident_account(request)
            try:
                appointment, token = services.book_appointment(
                    procedure=procedure,
                    slot_key=data["slot"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    resident=account.user if account else None,
                )
            except ValidationError as exc:
                _refuse(form, exc)
                # Show the slots as they are now: the one that filled is gone from the list.
                day_slots = slots.available_slots(day, procedure.field) if day else []
                form.fields["slot"].choices = BookingForm(slots=day_slots).fields["slot"].choices
            else:
                request.session[BOOKED_KEY] = {"code": appointment.code, "token": token}
                return redirect("appointments:booked")
    else:
        account = resident_account(request)
        initial = (
            {
                "name": account.full_name,
                "phone": display_mobile(account.phone or ""),
                "email": account.email,
            }
            if account
            else None
        )
        form = BookingForm(slots=day_slots, initial=initial)
    return render(
        request,
        "appointments/book.html",
        {
            "procedure": procedure,
            "days": days,
            "day": day,
            "slots": day_slots,
            "form": form,
            "errors": error_summary(form),
        },
    )


@never_cache
def booked(request):
    done = request.session.get(BOOKED_KEY)
    if not done:
        raise Http404("Nothing booked in this session")
    appointment = get_object_or_404(
        Appointment.objects.select_related("procedure"), code=done["code"]
    )
    return render(
        request,
        "appointments/booked.html",
        {
            "appointment": appointment,
            "manage_url": request.build_absolute_uri(
                reverse("appointments:manage", args=[done["token"]])
            ),
            "token": done["token"],
        },
    )


def _by_token(token):
    appointment = (
        Appointment.objects.by_manage_token(token).select_related("procedure__field").first()
    )
    if appointment is None:
        raise Http404("No such appointment")
    return appointment


@never_cache
@rate_limited("appointment")
def manage(request, token):
    appointment = _by_token(token)
    days, day, day_slots = ([], None, [])
    if appointment.can_change:
        days, day, day_slots = _picker(request, appointment.field)
        # The resident's own slot is not offered as a place to move to.
        day_slots = [s for s in day_slots if s.starts_at != appointment.starts_at]
    form = SlotForm(slots=day_slots)
    if request.method == "POST" and appointment.can_change:
        action = request.POST.get("action")
        try:
            if action == "cancel":
                services.cancel_appointment(appointment=appointment)
                messages.success(request, _("Đã hủy lịch hẹn. Khung giờ đã được trả lại."))
                return redirect("appointments:manage", token=token)
            if action == "move":
                form = SlotForm(request.POST, slots=day_slots)
                if form.is_valid():
                    wait = hit("appointment_phone", request, who=appointment.phone)
                    if wait:
                        return too_many_requests(request, wait)
                    services.move_appointment(
                        appointment=appointment, slot_key=form.cleaned_data["slot"], token=token
                    )
                    messages.success(request, _("Đã đổi lịch hẹn sang khung giờ mới."))
                    return redirect("appointments:manage", token=token)
        except ValidationError as exc:
            for error in exc.error_list:
                form.add_error("slot" if action == "move" else None, error.message)
            if action == "move":
                fresh = slots.available_slots(day, appointment.field) if day else []
                form.fields["slot"].choices = (
                    SlotForm(slots=[s for s in fresh if s.starts_at != appointment.starts_at])
                    .fields["slot"]
                    .choices
                )
    return render(
        request,
        "appointments/manage.html",
        {
            "appointment": appointment,
            "token": token,
            "days": days,
            "day": day,
            "form": form,
            "errors": error_summary(form),
            "phone": display_mobile(appointment.phone),
            "now": timezone.now(),
        },
    )


@never_cache
def calendar_file(request, token):
    """The booking as an iCalendar file ("Thêm vào lịch")."""
    appointment = _by_token(token)
    if not appointment.is_active:
        raise Http404("Not an active appointment")
    response = HttpResponse(ics_for(appointment), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lich-hen-{appointment.code}.ics"'
    return response
