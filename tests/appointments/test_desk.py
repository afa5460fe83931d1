"""The desk's side: the day's list, arrivals, no-shows, reminders, who may see what."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from appointments.constants import AppointmentStatus
from notifications.models import Notification
from staff import roles
from tests.appointments.factories import MONDAY, AppointmentFactory, at
from tests.staff.fixtures import make_staff

pytestmark = pytest.mark.django_db
TUESDAY = MONDAY.date() + dt.timedelta(days=1)
CHANGELIST = "admin:appointments_appointment_changelist"


# --- reminders ---------------------------------------------------------------------------


def test_reminders_go_once_and_only_for_tomorrow(monday, django_capture_on_commit_callbacks):
    tomorrow = AppointmentFactory(starts_at=at(TUESDAY, 8), email="an@example.com")
    later = AppointmentFactory(starts_at=at(TUESDAY + dt.timedelta(days=1), 8))
    cancelled = AppointmentFactory(starts_at=at(TUESDAY, 9), cancelled=True)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_appointment_reminders", stdout=io.StringIO())
    sent = Notification.objects.filter(template="appointments/notifications/reminder")
    assert sorted(sent.values_list("channel", flat=True)) == ["email", "sms"]
    assert {str(n.target_id) for n in sent} == {str(tomorrow.pk)}
    tomorrow.refresh_from_db()
    assert tomorrow.reminded_at is not None
    later.refresh_from_db()
    cancelled.refresh_from_db()
    assert later.reminded_at is None and cancelled.reminded_at is None
    call_command("send_appointment_reminders", stdout=io.StringIO())
    assert sent.count() == 2  # a second run the same day sends nothing more


def test_the_daily_command_marks_yesterdays_no_shows(monday, clock):
    missed = AppointmentFactory(starts_at=at(TUESDAY, 8))
    clock.now = at(TUESDAY + dt.timedelta(days=1), 7)
    call_command("send_appointment_reminders", stdout=io.StringIO())
    missed.refresh_from_db()
    assert missed.status == AppointmentStatus.NO_SHOW


# --- the admin ---------------------------------------------------------------------------


@pytest.fixture
def desk_user(db):
    return make_staff(roles.RECEPTION, username="tiepnhan_lh")


def test_the_list_opens_on_today_in_time_order(client, desk_user, clock):
    clock.now = at(TUESDAY, 7)
    late = AppointmentFactory(starts_at=at(TUESDAY, 15), name="Người Chiều")
    early = AppointmentFactory(starts_at=at(TUESDAY, 8), name="Người Sáng")
    AppointmentFactory(starts_at=at(TUESDAY + dt.timedelta(days=1), 8), name="Người Mai")
    client.force_login(desk_user)
    body = client.get(reverse(CHANGELIST)).content.decode()
    assert body.index(early.name) < body.index(late.name)
    assert "Người Mai" not in body
    assert "data-day-summary" in body
    tomorrow = client.get(reverse(CHANGELIST), {"ngay": "tomorrow"}).content.decode()
    assert "Người Mai" in tomorrow and "Người Sáng" not in tomorrow


def test_the_list_counts_no_shows_per_phone(client, desk_user, clock):
    clock.now = at(TUESDAY, 7)
    AppointmentFactory(starts_at=at(MONDAY.date(), 9), phone="+84912000077", no_show=True)
    AppointmentFactory(starts_at=at(MONDAY.date(), 10), phone="+84912000077")  # missed too
    AppointmentFactory(starts_at=at(TUESDAY, 8), phone="+84912000077", name="Người Hay Vắng")
    client.force_login(desk_user)
    response = client.get(reverse(CHANGELIST))
    row = next(r for r in response.context["cl"].result_list if r.name == "Người Hay Vắng")
    assert row.missed_count == 2
    assert "data-missed-days" in response.content.decode()


def test_the_list_has_a_query_budget(client, desk_user, clock, django_assert_max_num_queries):
    """Twenty rows cost what one row does: the procedure is joined, the misses annotated."""
    clock.now = at(TUESDAY, 7)
    for n in range(20):
        AppointmentFactory(starts_at=at(TUESDAY, 8 + n % 8))
    client.force_login(desk_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse(CHANGELIST)).status_code == 200


def test_the_action_marks_arrivals(client, desk_user, clock):
    clock.now = at(TUESDAY, 8, 5)
    items = [AppointmentFactory(starts_at=at(TUESDAY, 8)) for _n in range(2)]
    client.force_login(desk_user)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "mark_arrived", "_selected_action": [i.pk for i in items]},
        follow=True,
    )
    assert "Đã ghi nhận 2 người đến" in response.content.decode()
    for item in items:
        item.refresh_from_db()
        assert item.status == AppointmentStatus.ARRIVED and item.arrived_at is not None


def test_the_row_button_marks_one_arrival(client, desk_user, clock):
    clock.now = at(TUESDAY, 8, 5)
    item = AppointmentFactory(starts_at=at(TUESDAY, 8))
    client.force_login(desk_user)
    url = reverse("admin:appointments_appointment_arrive", args=[item.pk])
    assert url.encode() in client.get(reverse(CHANGELIST)).content
    assert client.get(url).status_code == 200  # a question, nothing changed
    item.refresh_from_db()
    assert item.status == AppointmentStatus.BOOKED
    client.post(url)
    item.refresh_from_db()
    assert item.status == AppointmentStatus.ARRIVED


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("officer", 403), ("reception", 200), ("leader", 200)],
)
def test_permission_matrix(client, who, expected):
    item = AppointmentFactory()
    users = {
        "officer": lambda: make_staff(roles.OFFICER, username="cv_lh"),
        "reception": lambda: make_staff(roles.RECEPTION, username="tn_lh"),
        "leader": lambda: make_staff(roles.LEADER, username="ld_lh"),
    }
    if who in users:
        client.force_login(users[who]())
    for url in (
        reverse(CHANGELIST),
        reverse("admin:appointments_appointment_change", args=[item.pk]),
        reverse("admin:appointments_appointment_arrive", args=[item.pk]),
    ):
        assert client.get(url).status_code == expected, url


def test_only_the_leader_edits_field_capacities(client):
    url = reverse("admin:appointments_fieldcapacity_add")
    client.force_login(make_staff(roles.RECEPTION, username="tn_cap"))
    assert client.get(url).status_code == 403
    client.force_login(make_staff(roles.LEADER, username="ld_cap"))
    assert client.get(url).status_code == 200
