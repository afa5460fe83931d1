"""The resident's pages: book from a procedure, the booked page, manage by token."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from appointments.constants import AppointmentStatus
from appointments.models import Appointment
from tests.appointments.factories import MONDAY, AppointmentFactory, FieldCapacityFactory, at
from tests.procedures.factories import ProcedureFactory

pytestmark = pytest.mark.django_db
TUESDAY = MONDAY.date() + dt.timedelta(days=1)


def _form(**overrides):
    return {
        "day": str(TUESDAY),
        "slot": f"{TUESDAY}T08:00",
        "name": "trần thị bình",
        "phone": "0912 000 001",
        "email": "",
        "agree_privacy": "on",
        **overrides,
    }


def _h1_count(response):
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


def test_the_procedure_page_links_to_booking(client, ward):
    procedure = ProcedureFactory()
    response = client.get(procedure.get_absolute_url())
    assert reverse("appointments:book", args=[procedure.slug]).encode() in response.content


def test_the_booking_page_lists_days_and_slots(client, ward, monday):
    procedure = ProcedureFactory()
    response = client.get(reverse("appointments:book", args=[procedure.slug]), {"ngay": TUESDAY})
    assert response.status_code == 200
    assert _h1_count(response) == 1
    body = response.content.decode()
    assert f'value="{TUESDAY}T07:30"' in body
    assert "?ngay=2027-03-06" not in body  # Saturday
    assert 'aria-current="date"' in body


def test_an_unpublished_procedure_cannot_be_booked(client, ward, monday):
    procedure = ProcedureFactory(hidden=True)
    assert client.get(reverse("appointments:book", args=[procedure.slug])).status_code == 404


def test_booking_shows_the_code_and_the_manage_link(client, ward, monday):
    procedure = ProcedureFactory()
    response = client.post(reverse("appointments:book", args=[procedure.slug]), _form())
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.name == "Trần Thị Bình" and appointment.phone == "+84912000001"
    page = client.get(response["Location"])
    assert page.status_code == 200 and _h1_count(page) == 1
    body = page.content.decode()
    assert appointment.code in body
    token = re.search(r"/dat-lich-hen/quan-ly/([\w-]+)/", body).group(1)
    assert Appointment.objects.by_manage_token(token).get() == appointment


def test_bad_input_keeps_what_was_typed(client, ward, monday):
    procedure = ProcedureFactory()
    response = client.post(
        reverse("appointments:book", args=[procedure.slug]),
        _form(phone="12345", agree_privacy=""),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cần đồng ý xử lý dữ liệu cá nhân" in body
    assert 'value="trần thị bình"' in body
    assert Appointment.objects.count() == 0


def test_a_robot_filling_the_hidden_field_books_nothing(client, ward, monday):
    procedure = ProcedureFactory()
    url = reverse("appointments:book", args=[procedure.slug])
    page = client.get(url, {"ngay": TUESDAY}).content.decode()
    # The trap is last, out of sight and out of the tab order.
    assert '<div class="visually-hidden" aria-hidden="true">' in page
    assert 'name="website"' in page and 'tabindex="-1"' in page
    response = client.post(url, _form(website="http://spam.example"))
    assert response.status_code == 200
    assert "Không đặt được lịch hẹn. Vui lòng thử lại." in response.content.decode()
    assert Appointment.objects.count() == 0


def test_a_slot_filled_meanwhile_is_refused_clearly(client, ward, monday):
    procedure = ProcedureFactory()
    FieldCapacityFactory(field=procedure.field, per_slot=1)
    url = reverse("appointments:book", args=[procedure.slug])
    client.get(url, {"ngay": TUESDAY})  # the page showed 08:00 free …
    AppointmentFactory(procedure=procedure, starts_at=at(TUESDAY, 8))  # … then it filled
    response = client.post(url, _form())
    assert response.status_code == 200
    assert "không còn chỗ" in response.content.decode()
    assert 'value="trần thị bình"' in response.content.decode()
    assert Appointment.objects.count() == 1


def test_booking_is_rate_limited_per_phone(client, ward, monday, settings):
    settings.PORTAL_RATE_APPOINTMENT_PHONE = "1/86400"
    procedure = ProcedureFactory()
    url = reverse("appointments:book", args=[procedure.slug])
    assert client.post(url, _form()).status_code == 302
    response = client.post(url, _form(slot=f"{TUESDAY}T09:00"))
    assert response.status_code == 429
    assert Appointment.objects.count() == 1


def test_booking_is_rate_limited_per_address(client, ward, monday, settings):
    settings.PORTAL_RATE_APPOINTMENT = "2/3600"
    url = reverse("appointments:book", args=[ProcedureFactory().slug])
    for _n in range(2):
        client.post(url, _form(phone="xx"))
    assert client.post(url, _form()).status_code == 429


def test_the_manage_page_cancels(client, ward, monday):
    appointment = AppointmentFactory(token="a" * 43)
    url = reverse("appointments:manage", args=["a" * 43])
    page = client.get(url)
    assert page.status_code == 200 and _h1_count(page) == 1
    response = client.post(url, {"action": "cancel"}, follow=True)
    assert "Đã hủy lịch hẹn" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED


def test_the_manage_page_moves(client, ward, monday):
    appointment = AppointmentFactory(token="b" * 43)
    url = reverse("appointments:manage", args=["b" * 43])
    response = client.post(url, {"action": "move", "day": str(TUESDAY), "slot": f"{TUESDAY}T14:00"})
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.starts_at == at(TUESDAY, 14)


def test_a_wrong_token_is_not_found(client, ward, monday):
    AppointmentFactory(token="c" * 43)
    assert client.get(reverse("appointments:manage", args=["d" * 43])).status_code == 404
    assert client.get(reverse("appointments:manage", args=["short"])).status_code == 404


def test_a_past_booking_can_no_longer_be_changed(client, ward, monday, clock):
    appointment = AppointmentFactory(token="e" * 43)
    clock.now = at(TUESDAY + dt.timedelta(days=1), 9)
    url = reverse("appointments:manage", args=["e" * 43])
    page = client.get(url)
    assert page.status_code == 200
    assert "đã qua" in page.content.decode()
    client.post(url, {"action": "cancel"})
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.BOOKED


def test_the_calendar_file(client, ward, monday):
    appointment = AppointmentFactory(token="f" * 43)
    response = client.get(reverse("appointments:calendar_file", args=["f" * 43]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "DTSTART:20270302T010000Z" in body and appointment.code in body


def test_the_booked_page_needs_a_booking_in_the_session(client, ward):
    assert client.get(reverse("appointments:booked")).status_code == 404
