"""Editors manage organs, terms, people and appointments in the admin."""

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from personnel.models import Appointment, Person
from tests.personnel.factories import (
    AppointmentFactory,
    OrganFactory,
    PersonFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["organ", "term", "person", "appointment", "congress"]
APP = {"congress": "congress"}  # the others are personnel's


def app_of(model):
    return APP.get(model, "personnel")


def _staff(codenames=()):
    user = User.objects.create_user("bientap", password="mat-khau-thu-123", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["congress", "personnel"], codename__in=codenames
        )
    )
    return user


@pytest.mark.parametrize("model", MODELS)
def test_permission_matrix(client, model):
    url = reverse(f"admin:{app_of(model)}_{model}_changelist")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    client.force_login(_staff())
    assert client.get(url).status_code == 403
    User.objects.get().user_permissions.add(
        Permission.objects.get(content_type__app_label=app_of(model), codename=f"view_{model}")
    )
    assert client.get(url).status_code == 200


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("quantri", password="mat-khau-thu-123")
    client.force_login(user)
    return user


def _appointment_form(person, organ, term, **overrides):
    data = {
        "person": person.pk,
        "organ": organ.pk,
        "term": term.pk,
        "title": "Phó Chủ tịch",
        "title_en": "Vice Chairman",
        "rank": "2",
        "start_date": "14/08/2025",
        "end_date": "",
        "decision_number": "",
        "decision_date": "",
    }
    data.update(overrides)
    return data


def test_admin_refuses_an_end_before_the_start_and_keeps_the_input(client, editor):
    person, organ, term = PersonFactory(), OrganFactory(), TermFactory()
    response = client.post(
        reverse("admin:personnel_appointment_add"),
        _appointment_form(person, organ, term, end_date="13/08/2025", decision_number="12-QĐ/ĐU"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ngày thôi giữ chức không thể trước ngày bắt đầu." in html
    assert 'value="12-QĐ/ĐU"' in html
    assert not Appointment.objects.exists()


def test_admin_refuses_the_same_post_twice_in_a_term(client, editor):
    existing = AppointmentFactory(title="Phó Chủ tịch")
    response = client.post(
        reverse("admin:personnel_appointment_add"),
        _appointment_form(existing.person, existing.organ, existing.term, title="phó chủ tịch"),
    )
    assert response.status_code == 200
    assert "đã giữ chức" in response.content.decode()
    assert Appointment.objects.count() == 1


def test_admin_accepts_a_valid_appointment(client, editor):
    person, organ, term = PersonFactory(), OrganFactory(), TermFactory()
    response = client.post(
        reverse("admin:personnel_appointment_add"), _appointment_form(person, organ, term)
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.title_key == "phó chủ tịch"
    assert str(appointment.start_date) == "2025-08-14"


def _person_form(person, rows):
    data = {
        "full_name": person.full_name if person else "Hồ Văn Mới",
        "slug": person.slug if person else "",
        "photo_alt": "",
        "biography": "",
        "biography_en": "",
        "duties": "",
        "duties_en": "",
        "phone": "",
        "email": "",
        "appointments-TOTAL_FORMS": str(len(rows)),
        "appointments-INITIAL_FORMS": "0",
        "appointments-MIN_NUM_FORMS": "0",
        "appointments-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"appointments-{i}-{key}"] = value
    return data


def _row(organ, term, title):
    return {
        "organ": organ.pk,
        "term": term.pk,
        "title": title,
        "title_en": "",
        "rank": "1",
        "start_date": "14/08/2025",
        "end_date": "",
        "decision_number": "",
        "decision_date": "",
    }


def test_person_inline_refuses_two_rows_for_the_same_post(client, editor):
    organ, term = OrganFactory(), TermFactory()
    response = client.post(
        reverse("admin:personnel_person_add"),
        _person_form(None, [_row(organ, term, "Chủ tịch"), _row(organ, term, "Chủ  tịch")]),
    )
    assert response.status_code == 200
    assert "Chức danh này đã được nhập hai lần" in response.content.decode()
    assert not Person.objects.exists()


def test_person_inline_saves_several_posts_at_once(client, editor):
    party, council, term = OrganFactory(), OrganFactory(), TermFactory()
    response = client.post(
        reverse("admin:personnel_person_add"),
        _person_form(None, [_row(party, term, "Bí thư"), _row(council, term, "Chủ tịch")]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get()
    assert person.slug == "ho-van-moi"
    assert person.appointments.count() == 2


def test_current_filter_and_folded_search(client, editor):
    current = AppointmentFactory(person__full_name="Nguyễn Văn Phức")
    AppointmentFactory(person__full_name="Trần Văn Cũ", ended=True)
    url = reverse("admin:personnel_appointment_changelist")
    html = client.get(url, {"tinh-trang": "current"}).content.decode()
    assert "Nguyễn Văn Phức" in html and "Trần Văn Cũ" not in html
    html = client.get(url, {"tinh-trang": "ended"}).content.decode()
    assert "Nguyễn Văn Phức" not in html and "Trần Văn Cũ" in html
    html = client.get(reverse("admin:personnel_person_changelist"), {"q": "nguyen van phuc"})
    assert "Nguyễn Văn Phức" in html.content.decode()
    html = client.get(url, {"q": "NGUYEN VAN PHUC"}).content.decode()
    assert f"/{current.pk}/change/" in html


@pytest.mark.parametrize("model", ["appointment", "person"])
def test_changelists_do_not_query_per_row(client, editor, model):
    """The appointment and person lists load related rows up front: 3 rows or 13, same count."""
    url = reverse(f"admin:{app_of(model)}_{model}_changelist")

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    for _ in range(3):
        AppointmentFactory()
    queries()  # the first request after log-in also touches the session
    few = queries()
    for _ in range(10):
        AppointmentFactory()
    assert queries() == few


@pytest.mark.parametrize("model", MODELS)
def test_add_and_change_forms_render(client, editor, demo_org, model):
    from django.apps import apps

    assert client.get(reverse(f"admin:{app_of(model)}_{model}_add")).status_code == 200
    obj = apps.get_model(app_of(model), model).objects.order_by("pk").first()
    response = client.get(reverse(f"admin:{app_of(model)}_{model}_change", args=[obj.pk]))
    assert response.status_code == 200
