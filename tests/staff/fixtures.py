"""Staff users in each role and the fields they handle (a pytest plugin: tests/conftest.py).

Shared by the staff tests and the desk's: a user in each role, the fields they handle.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group

from staff import roles
from staff.models import StaffProfile
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
