"""Staff profiles in the admin: a leader gives an officer his fields and roles, audited."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from staff import roles
from staff.models import AuditEntry, StaffProfile
from tests.procedures.factories import DossierFactory
from tests.staff.factories import UserFactory
from tests.staff.fixtures import make_staff

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:procedures_dossier_changelist")
ADD = reverse("admin:staff_staffprofile_add")


def change_url(profile):
    return reverse("admin:staff_staffprofile_change", args=[profile.pk])


def group(name):
    return Group.objects.get(name=name)


@pytest.fixture
def newcomer(db):
    """A new officer's account, as the system administrator creates it: no profile yet."""
    return UserFactory(staff=True, username="canbo_moi", first_name="Bình", last_name="Trần")


def test_leader_gives_a_new_officer_a_field_and_he_then_sees_its_dossiers(
    client, clock, leader, newcomer, procedure_a, field_a, field_b
):
    dossier = DossierFactory(procedure=procedure_a)
    client.force_login(newcomer)
    assert client.get(QUEUE).status_code == 403  # no role yet: no work queue at all

    client.force_login(leader)
    page = client.get(ADD)
    assert page.status_code == 200
    assert "canbo_moi" in page.text
    # Only the staff roles are offered, never an arbitrary group.
    Group.objects.create(name="Quản trị hệ thống")
    assert "Quản trị hệ thống" not in client.get(ADD).text
    response = client.post(
        ADD,
        {
            "user": newcomer.pk,
            "position": "Công chức tư pháp - hộ tịch",
            "fields": [field_a.pk],
            "roles": [group(roles.OFFICER).pk],
        },
    )
    assert response.status_code == 302, response.text[:3000]
    profile = StaffProfile.objects.get(user=newcomer)
    assert list(profile.fields.all()) == [field_a]
    assert list(newcomer.groups.values_list("name", flat=True)) == [roles.OFFICER]

    client.force_login(newcomer)
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert dossier.code in queue.text

    entry = AuditEntry.objects.get(action="assign", target_id=str(newcomer.pk))
    assert entry.actor == leader
    assert entry.target_label == "canbo_moi"
    assert entry.details["officer"] == "canbo_moi"
    assert entry.details["fields_before"] == []
    assert entry.details["fields_after"] == ["Hộ tịch"]
    assert entry.details["roles_before"] == []
    assert entry.details["roles_after"] == [roles.OFFICER]


def test_leader_changes_fields_and_roles_audited_from_what_to_what(
    client, clock, leader, officer, field_a, field_b
):
    profile = officer.staff_profile
    keep = Group.objects.create(name="Nhóm khác")  # not a role: left alone
    officer.groups.add(keep)
    client.force_login(leader)
    page = client.get(change_url(profile))
    assert page.status_code == 200
    response = client.post(
        change_url(profile),
        {
            "position": "Chuyên viên",
            "fields": [field_b.pk],
            "roles": [group(roles.OFFICER).pk, group(roles.RECEPTION).pk],
        },
    )
    assert response.status_code == 302, response.text[:3000]
    assert list(profile.fields.all()) == [field_b]
    assert set(officer.groups.values_list("name", flat=True)) == {
        roles.OFFICER,
        roles.RECEPTION,
        "Nhóm khác",
    }
    entry = AuditEntry.objects.get(action="assign", target_id=str(officer.pk))
    assert entry.actor_label == "lanhdao"
    assert entry.details == {
        "officer": "chuyenvien",
        "fields_before": ["Hộ tịch"],
        "fields_after": ["Chứng thực"],
        "roles_before": [roles.OFFICER],
        "roles_after": sorted([roles.OFFICER, roles.RECEPTION]),
    }


def test_saving_without_a_change_writes_no_entry(client, leader, officer, field_a):
    client.force_login(leader)
    response = client.post(
        change_url(officer.staff_profile),
        {"position": "", "fields": [field_a.pk], "roles": [group(roles.OFFICER).pk]},
    )
    assert response.status_code == 302, response.text[:3000]
    assert not AuditEntry.objects.filter(action="assign").exists()


def test_an_officer_cannot_change_profiles(client, officer, other_officer, field_a, field_b):
    client.force_login(officer)
    profile = other_officer.staff_profile
    assert client.get(reverse("admin:staff_staffprofile_changelist")).status_code == 403
    assert client.get(ADD).status_code == 403
    assert client.get(change_url(profile)).status_code == 403
    # Not even his own: he may not give himself more fields or the leader's role.
    own = officer.staff_profile
    response = client.post(
        change_url(own), {"fields": [field_a.pk, field_b.pk], "roles": [group(roles.LEADER).pk]}
    )
    assert response.status_code == 403
    assert list(own.fields.all()) == [field_a]
    assert not officer.groups.filter(name=roles.LEADER).exists()
    assert not AuditEntry.objects.filter(action="assign").exists()


def test_a_leader_cannot_touch_a_superusers_account(client, leader):
    admin = UserFactory(superuser=True, username="quantri")
    profile = StaffProfile.objects.create(user=admin)
    client.force_login(leader)
    assert "quantri" not in client.get(ADD).text
    assert client.get(change_url(profile)).status_code in (302, 404)


def test_superuser_assigns_too(client, newcomer, field_a):
    client.force_login(UserFactory(superuser=True, username="quantri"))
    response = client.post(
        ADD, {"user": newcomer.pk, "fields": [field_a.pk], "roles": [group(roles.LEADER).pk]}
    )
    assert response.status_code == 302, response.text[:3000]
    entry = AuditEntry.objects.get(action="assign")
    assert (entry.actor_label, entry.details["roles_after"]) == ("quantri", [roles.LEADER])


def test_profiles_are_never_deleted_through_the_admin(client, leader, officer):
    client.force_login(UserFactory(superuser=True, username="quantri"))
    url = reverse("admin:staff_staffprofile_delete", args=[officer.staff_profile.pk])
    assert client.get(url).status_code == 403


def test_make_staff_helper_profiles_show_in_the_list(client, leader, officer):
    make_staff(roles.RECEPTION, username="tiepnhan2")
    client.force_login(leader)
    page = client.get(reverse("admin:staff_staffprofile_changelist")).text
    assert "chuyenvien" in page and "tiepnhan2" in page
