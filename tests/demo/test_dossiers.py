"""The demo staff and dossiers of `load_demo` (portal/demo.py); /thong-ke/ with and without data."""

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.urls import reverse
from django.utils import timezone

from demo import dossiers as demo
from procedures import access
from procedures.constants import DossierStatus as S
from procedures.constants import Timeliness
from procedures.models import (
    Apology,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierRating,
    DueDateChange,
)
from procedures.storage import private_storage
from staff.models import StaffProfile
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

STATS = reverse("procedures:statistics")
PROCEDURES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "050_procedures.json"
PASSWORD_LINE = re.compile(r"^\s+(demo\.\w+)\s+.+password: (\S+)$", re.M)


def load():
    """The demo procedures, then the portal's demo hook (faster than the whole load_demo)."""
    call_command("loaddata", str(PROCEDURES_FIXTURE), verbosity=0)
    out = io.StringIO()
    demo.load(stdout=OutputWrapper(out))
    return out.getvalue()


@pytest.fixture
def demo_output(db, clock):
    """The demo loaded on a Wednesday afternoon: the stories (dated back from `now`) and the
    figures they make are then the same on every run."""
    clock.now = at(2026, 11, 25, 15, 30)
    return load()


def counts():
    models = [Dossier, DossierEvent, DossierDocument, Apology, DueDateChange, DossierRating]
    return [m.objects.count() for m in models] + [
        get_user_model().objects.count(),
        StaffProfile.objects.count(),
    ]


def test_load_demo_twice_creates_no_duplicates():
    first_out = io.StringIO()
    call_command("load_demo", stdout=first_out)
    first = counts()
    second_out = io.StringIO()
    call_command("load_demo", stdout=second_out)
    assert counts() == first
    assert first[0] == demo.DOSSIERS
    assert "already loaded" in second_out.getvalue()
    # Passwords are shown once: at creation, never again.
    assert len(PASSWORD_LINE.findall(first_out.getvalue())) == len(demo.STAFF)
    assert not PASSWORD_LINE.findall(second_out.getvalue())


def test_each_dossier_status_is_the_end_of_its_history(demo_output):
    now = timezone.now()
    assert Dossier.objects.count() == demo.DOSSIERS
    for dossier in Dossier.objects.prefetch_related("events"):
        events = list(dossier.events.all())
        assert events[0].from_status is None and events[0].to_status == S.NEW
        assert events[-1].to_status == dossier.status, dossier.code
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_status == before.to_status, dossier.code
            assert before.created_at <= after.created_at <= now, dossier.code
        assert events[0].created_at == dossier.submitted_at


def test_the_stories_cover_the_desk_and_happen_in_the_past(demo_output):
    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert {S.NEW, S.REFUSED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.STOPPED, S.RETURNED} <= (
        statuses
    )
    timeliness = set(Dossier.objects.values_list("timeliness", flat=True))
    assert Timeliness.LATE in timeliness and Timeliness.ON_TIME in timeliness
    assert DossierRating.objects.filter(satisfied=True).exists()
    assert DossierRating.objects.filter(satisfied=False).exists()
    assert Apology.objects.exists()
    assert Dossier.objects.filter(obligation_amount__isnull=False).exists()
    oldest = Dossier.objects.order_by("submitted_at").first().submitted_at
    assert timezone.now() - oldest > dt.timedelta(days=100)
    # Rows whose time comes from a model default (not from the services' `now`) are dated
    # in the past too: the clock moved for everything during each step.
    for apology in Apology.objects.select_related("dossier"):
        assert apology.dossier.accepted_at <= apology.created_at < apology.new_due_at
        assert apology.created_at < timezone.now() - dt.timedelta(hours=1)
    assert DueDateChange.objects.filter(event__isnull=False).exists()
    for change in DueDateChange.objects.select_related("event"):
        if change.event is not None:
            assert change.created_at == change.event.created_at


def test_applicants_are_visibly_demo_and_files_are_stored_privately(demo_output):
    assert Dossier.objects.count() == demo.DOSSIERS
    for dossier in Dossier.objects.all():
        assert dossier.applicant_name.endswith(demo.DEMO_SUFFIX)
        assert dossier.phone.startswith("+84900000") and dossier.email == ""
        assert dossier.submission_token in {demo.demo_token(i) for i in range(demo.DOSSIERS)}
    documents = DossierDocument.objects.select_related("dossier")
    assert documents.count() == 118  # one to three per dossier, and the supplements
    for document in documents:
        name = document.file.name
        local = timezone.localtime(document.uploaded_at)
        assert name.startswith(f"dossiers/{local:%Y}/{local:%m}/")
        assert private_storage.exists(name)
        with private_storage.open(name, "rb") as handle:
            head = handle.read(8)
        assert head.startswith(
            b"%PDF-" if document.content_type == "application/pdf" else b"\x89PNG"
        )


def test_staff_accounts_have_their_roles_fields_and_printed_passwords(demo_output):
    User = get_user_model()
    printed = dict(PASSWORD_LINE.findall(demo_output))
    assert set(printed) == {username for username, *_rest in demo.STAFF}
    for username, password in printed.items():
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser and user.check_password(password)
    officer = User.objects.get(username="demo.chuyenvien")
    leader = User.objects.get(username="demo.lanhdao")
    reception = User.objects.get(username="demo.tiepnhan")
    total = Dossier.objects.count()
    assert total == demo.DOSSIERS
    assert access.visible_dossiers(officer).count() == 50  # not the other fields' dossiers
    assert access.visible_dossiers(leader).count() == total
    assert access.visible_dossiers(reception).count() == total
    # Generated, one per account, long enough for the staff password rule (12+).
    assert len(set(printed.values())) == len(printed)
    assert all(len(p) >= 12 for p in printed.values())


def test_printed_code_and_phone_open_the_dossier_at_tracking(client, demo_output):
    match = re.search(r"demo dossier (\S+) and phone ([\d ]+) ", demo_output)
    assert match, demo_output
    response = client.post(
        reverse("procedures:tracking"), {"code": match[1], "phone": match[2].strip()}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert match[1] in page.text and "Yêu cầu bổ sung" in page.text


def test_statistics_show_figures_after_the_demo_load(client, demo_output):
    # The dossier figures: the Congress's term targets below them are tested in congress.
    html = client.get(STATS).text.split('id="chi-tieu-nhiem-ky"')[0]
    assert "Chưa có số liệu" not in html
    assert html.count("<svg") == 2
    assert html.count('<th scope="row">') == 5 + 6  # months (July to November), fields
    data = json.loads(client.get(reverse("procedures:statistics_json")).content)
    total = data["total"]
    assert total["received"] == demo.DOSSIERS
    assert (total["finished"], total["late"], total["apologies"]) == (42, 6, 8)
    assert (total["on_time_rate"], total["satisfaction_rate"]) == ("85.7", "69.2")
    # Most online dossiers take their result online; desk dossiers and the rest do not:
    # the fully-online share is a real figure, neither 0 nor 100 %.
    assert (total["handled"], total["fully_online"], total["fully_online_rate"]) == (41, 19, "46.3")
    assert [m["month"] for m in data["months"]] == [
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
        "2026-11",
    ]


@pytest.mark.parametrize(
    "today",
    [
        # A Saturday; Mondays before opening time (one found by CI at 05:16); a Wednesday
        # afternoon; the first working day after Tết 2027.
        dt.datetime(2026, 11, 28, 10, 0),
        dt.datetime(2026, 11, 30, 5, 16),
        dt.datetime(2027, 3, 1, 6, 45),
        dt.datetime(2026, 11, 25, 15, 30),
        dt.datetime(2027, 2, 11, 16, 0),
    ],
)
def test_the_loader_works_whatever_the_day(today):
    """The stories follow the working calendar: no day makes a step break a workflow rule,
    and the live queue (the youngest dossiers) shows the same states on any day and hour,
    the printed sample waiting for the resident's documents."""
    with time_machine.travel(timezone.make_aware(today), tick=True):
        load()
        assert Dossier.objects.count() == demo.DOSSIERS
        for dossier in Dossier.objects.prefetch_related("events"):
            assert list(dossier.events.all())[-1].to_status == dossier.status
            assert dossier.submitted_at < timezone.now()
        sample = Dossier.objects.get(submission_token=demo.demo_token(demo.SAMPLE_INDEX))
        assert sample.status == S.SUPPLEMENT_REQUESTED
        statuses = set(Dossier.objects.values_list("status", flat=True))
        assert {S.NEW, S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.RETURNED} <= statuses
