"""Fixtures of the staff side: users in each role, a controllable clock, private storage."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group

from portal import roles
from portal.models import StaffProfile
from tests.procedures.factories import ProcedureFactory, ProcedureFieldFactory

from tests.staff.factories import UserFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=VN)


def make_staff(role, *fields, username=None):
    """A staff user in `role` (a group name) handling `fields`."""
    user = UserFactory(staff=True, **({"username": username} if username else {}))
    user.groups.add(Group.objects.get(name=role))
    profile = StaffProfile.objects.create(user=user)
    profile.fields.set(fields)
    return user


@pytest.fixture
def field_a(db):
    return ProcedureFieldFactory(name="Hộ tịch", slug="ho-tich")


@pytest.fixture
def field_b(db):
    return ProcedureFieldFactory(name="Chứng thực", slug="chung-thuc")


@pytest.fixture
def procedure_a(field_a):
    return ProcedureFactory(field=field_a, processing_days=3)


@pytest.fixture
def reception(field_a):
    return make_staff(roles.RECEPTION, field_a, username="tiepnhan")


@pytest.fixture
def officer(field_a):
    return make_staff(roles.OFFICER, field_a, username="chuyenvien")


@pytest.fixture
def other_officer(field_b):
    return make_staff(roles.OFFICER, field_b, username="chuyenvien_khac")


@pytest.fixture
def leader(db):
    return make_staff(roles.LEADER, username="lanhdao")


@pytest.fixture
def clock(clock):
    """The project's stopped clock, on a Thursday at 10:00 in Hà Nội time unless a test moves it."""
    clock.now = at(2026, 2, 12, 10)
    return clock


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Each test gets its own private storage root, so file assertions see only its files.

    Overriding STORAGES makes Django build the "private" storage anew at that root.
    """
    root = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": root}},
    }
    return root
