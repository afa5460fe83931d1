"""The work queue's filters and date hierarchy against hostile query strings (issue 14.12).

An invalid filter value is never a 500: the admin answers it as it answers its own bad
lookups, with a redirect to the bare list flagged ``?e=1``; good values still filter.
"""

import pytest
from django.urls import reverse

from tests.procedures.factories import DossierFactory, ProcedureFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:procedures_dossier_changelist")
REFUSED = f"{CHANGELIST}?e=1"
BIG = "99999999999999999999999"

# The issue's own URLs first, then more of the same kind.
ISSUE_URLS = [
    {"linh-vuc": "abc"},
    {"thu-tuc": "abc"},
    {"linh-vuc": BIG},
    {"submitted_at__year": BIG},
]
BAD_IDS = [
    "abc",
    BIG,
    "-" + BIG,
    "9223372036854775808",  # 2**63: one past the largest 64-bit key
    "1" * 5000,  # int() refuses more than 4 300 digits
    "-1",
    "0",
    "1.5",
    "1e3",
    " 1",
    "١",  # an Arabic-Indic digit: int() reads it, the database would not
    "1\x00",
    "",
]
BAD_DATES = [
    {"submitted_at__year": BIG},
    {"submitted_at__year": "-" + BIG},
    {"submitted_at__year": "1" * 5000},
    {"submitted_at__year": "2147483648"},
    {"submitted_at__year": "0"},
    {"submitted_at__year": "1"},  # starts before 0001-01-01 UTC in Hà Nội time
    {"submitted_at__year": " 1"},
    {"submitted_at__year": "9999"},  # ends in year 10 000
    {"submitted_at__year": "abc"},
    {"submitted_at__year": ""},
    {"submitted_at__year": "9999", "submitted_at__month": "12"},
    {"submitted_at__year": "9999", "submitted_at__month": "12", "submitted_at__day": "31"},
    {"submitted_at__year": "1", "submitted_at__month": "1", "submitted_at__day": "1"},
    {"submitted_at__year": "2026", "submitted_at__month": BIG},
    {"submitted_at__year": "2026", "submitted_at__month": "13"},
    {"submitted_at__year": "2026", "submitted_at__month": "abc"},
    {"submitted_at__year": "2026", "submitted_at__month": "2", "submitted_at__day": BIG},
    {"submitted_at__year": "2026", "submitted_at__month": "2", "submitted_at__day": "30"},
]


@pytest.fixture
def queue(client, procedure_a, leader, clock):
    """Two dossiers in two fields, and the leader (who sees every field) logged in."""
    other = ProcedureFactory()
    here = DossierFactory(procedure=procedure_a, submitted_at=at(2026, 2, 3))
    there = DossierFactory(procedure=other, submitted_at=at(2025, 11, 3))
    client.force_login(leader)
    return here, there


def shown(client, params, *dossiers):
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200, params
    return {d.code for d in dossiers if d.code in response.text}


@pytest.mark.parametrize("params", ISSUE_URLS, ids=str)
def test_the_issues_urls_are_refused_not_500(client, queue, params):
    response = client.get(CHANGELIST, params)
    assert (response.status_code, response["Location"]) == (302, REFUSED)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("value", BAD_IDS, ids=repr)
@pytest.mark.parametrize("name", ["linh-vuc", "thu-tuc"])
def test_a_bad_id_is_refused(client, queue, name, value):
    response = client.get(CHANGELIST, {name: value})
    assert (response.status_code, response["Location"]) == (302, REFUSED)


@pytest.mark.parametrize("params", BAD_DATES, ids=str)
def test_an_impossible_date_is_refused(client, queue, params):
    response = client.get(CHANGELIST, params)
    assert (response.status_code, response["Location"]) == (302, REFUSED)


@pytest.mark.parametrize("value", ["abc", BIG, "", "\x00", "qua-han\x00", "toi "], ids=repr)
@pytest.mark.parametrize("name", ["han", "phan-cong"])
def test_unknown_choices_are_ignored(client, queue, name, value):
    """The due-date and assignment filters know their choices: anything else is no filter."""
    assert shown(client, {name: value}, *queue) == {d.code for d in queue}


def test_good_values_still_filter(client, queue, procedure_a):
    here, there = queue
    assert shown(client, {"linh-vuc": str(procedure_a.field_id)}, *queue) == {here.code}
    assert shown(client, {"thu-tuc": str(there.procedure_id)}, *queue) == {there.code}
    assert shown(client, {"thu-tuc": "9223372036854775807"}, *queue) == set()
    assert shown(client, {"submitted_at__year": "2025"}, *queue) == {there.code}
    february = {"submitted_at__year": "2026", "submitted_at__month": "2"}
    assert shown(client, february, *queue) == {here.code}
    # The first and last years whose every instant exists in any time zone.
    assert shown(client, {"submitted_at__year": "2"}, *queue) == set()
    assert shown(client, {"submitted_at__year": "9998"}, *queue) == set()
    last_day = {
        "submitted_at__year": "9998",
        "submitted_at__month": "12",
        "submitted_at__day": "31",
    }
    assert shown(client, last_day, *queue) == set()


def test_an_officer_gets_the_same_answers(client, queue, officer):
    client.force_login(officer)
    for params in [*ISSUE_URLS, {"submitted_at__year": "9999"}]:
        response = client.get(CHANGELIST, params)
        assert (response.status_code, response["Location"]) == (302, REFUSED), params


@pytest.mark.parametrize(
    "params",
    [
        {"at__year": BIG},
        {"at__year": "9999"},
        {"at__year": "2026", "at__month": "2", "at__day": BIG},
    ],
    ids=str,
)
def test_the_audit_logs_date_hierarchy_is_guarded_too(client, leader, params):
    """The audit log (staff app) shares the guard of the work queue's date hierarchy."""
    url = reverse("admin:staff_auditentry_changelist")
    client.force_login(leader)
    assert client.get(url).status_code == 200
    response = client.get(url, params)
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")


@pytest.mark.parametrize("year", [BIG, "1" * 5000, "0", "1", "9999", "abc"])
def test_the_calendar_date_hierarchy_refuses_impossible_years(admin_client, year):
    url = reverse("admin:procedures_calendaroverride_changelist")
    response = admin_client.get(url, {"date__year": year})
    assert (response.status_code, response["Location"]) == (302, f"{url}?e=1")
