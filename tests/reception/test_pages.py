"""The public page, its links, the staff-only chair check, the admin and its permissions."""

import datetime as dt
import re

import pytest
from django.core import checks
from django.urls import reverse

from reception import services
from reception.constants import ChangeKind, Weekday
from staff import roles
from tests.reception.factories import ReceptionSessionFactory
from tests.staff.fixtures import make_staff

pytestmark = pytest.mark.django_db

URL = "/lich-tiep-cong-dan/"


def h1s(html):
    return re.findall(r"<h1[\s>]", html)


def test_the_url_names():
    assert reverse("reception:schedule") == URL
    assert reverse("reception:ical") == URL + "lich.ics"


@pytest.mark.parametrize("path", [URL, "/en" + URL])
def test_the_page_answers_with_one_h1(client, ward, monday, path):
    ReceptionSessionFactory(chair=True)
    response = client.get(path)
    assert response.status_code == 200
    assert len(h1s(response.content.decode())) == 1


def test_the_page_shows_sessions_changes_and_the_feed(client, ward, monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY, place="Phòng tiếp dân số 1")
    services.change_announce(
        kind=ChangeKind.CANCEL, session=session, date=dt.date(2026, 8, 27), reason="Đi công tác"
    )
    html = client.get(URL).content.decode()
    assert 'href="/lich-tiep-cong-dan/lich.ics"' in html
    assert "Phòng tiếp dân số 1" in html
    assert "Đi công tác" in html
    assert "24/08/2026 09:00" in html  # when the change was announced
    assert "Ngày nghỉ lễ" not in html  # no Thursday holiday in these five weeks
    assert "Dữ liệu minh họa" in html
    assert "reception-session--off" in html
    # Anonymous visitors never see the staff check.
    assert "data-chair-check" not in html


def test_an_empty_schedule(client, ward, monday):
    html = client.get(URL).content.decode()
    assert "Chưa công bố lịch tiếp định kỳ." in html


def test_staff_see_the_chair_rule(client, ward, monday):
    ReceptionSessionFactory(weekday=Weekday.TUESDAY)
    client.force_login(make_staff(roles.EDITOR))
    html = client.get(URL).content.decode()
    assert "data-chair-check" in html
    assert "data-chair-weeks" in html
    ReceptionSessionFactory(chair=True)
    html = client.get(URL).content.decode()
    assert "data-chair-check" not in html
    assert "data-chair-weeks" not in html


def test_the_organisation_and_contact_pages_link_the_schedule(client, ward):
    for name in ("personnel:organisation", "portal:contact"):
        assert f'href="{URL}"' in client.get(reverse(name)).content.decode(), name


def test_the_system_check_warns_without_a_chair_session(monday):
    found = checks.run_checks(tags=[checks.Tags.database], databases=["default"])
    assert "reception.W001" in [c.id for c in found]
    ReceptionSessionFactory(chair=True)
    found = checks.run_checks(tags=[checks.Tags.database], databases=["default"])
    assert "reception.W001" not in [c.id for c in found]


# --- the admin --------------------------------------------------------------------------

ADMIN_PAGES = [
    "admin:reception_receptionsession_changelist",
    "admin:reception_receptionsession_add",
    "admin:reception_receptionchange_changelist",
    "admin:reception_receptionchange_add",
]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_permission_matrix(client, name):
    url = reverse(name)
    assert client.get(url).status_code == 302  # anonymous: to the log-in
    client.force_login(make_staff(roles.RECEPTION))
    assert client.get(url).status_code == 403
    for role in (roles.EDITOR, roles.LEADER):
        client.force_login(make_staff(role))
        assert client.get(url).status_code == 200, role


def test_the_changelist_warns_about_the_chair(client, monday):
    client.force_login(make_staff(roles.EDITOR))
    url = reverse("admin:reception_receptionsession_changelist")
    assert "Điều 15 khoản 2 điểm d" in client.get(url).content.decode()
    ReceptionSessionFactory(chair=True)
    assert "Điều 15 khoản 2 điểm d" not in client.get(url).content.decode()


def _session_form(**extra):
    data = {
        "receiver_role": "chu-tich",
        "person": "",
        "weekday": "3",
        "start_time": "07:30",
        "end_time": "11:30",
        "place": "Phòng tiếp công dân",
        "topics": "",
        "valid_from": "01/07/2025",
        "valid_until": "",
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
        "changes-MIN_NUM_FORMS": "0",
        "changes-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_an_editor_adds_a_session_with_a_change_announced_too_late(client, monday):
    from reception.models import ReceptionChange, ReceptionSession

    client.force_login(make_staff(roles.EDITOR))
    url = reverse("admin:reception_receptionsession_add")
    late = {
        "changes-TOTAL_FORMS": "1",
        "changes-0-kind": "huy",
        "changes-0-date": "27/08/2026",
        "changes-0-reason": "Đi công tác",
        "changes-0-announced_at_0": "27/08/2026",
        "changes-0-announced_at_1": "08:00",
    }
    response = client.post(url, _session_form(**late))
    assert response.status_code == 200
    assert "phải được thông báo trước giờ bắt đầu" in response.content.decode()
    assert not ReceptionSession.objects.exists()
    late["changes-0-announced_at_1"] = "07:00"
    response = client.post(url, _session_form(**late))
    assert response.status_code == 302, response.content.decode()[:2000]
    change = ReceptionChange.objects.get()
    assert change.session.weekday == Weekday.THURSDAY
    assert change.revision == 0


def test_holidays_are_shown_as_not_held(client, ward, monday):
    ReceptionSessionFactory(weekday=Weekday.TUESDAY)
    html = client.get(URL).content.decode()
    assert "Ngày nghỉ lễ: <span>Quốc khánh</span>" in html


def test_vietnamese_content_is_marked_on_the_english_page(client, ward, monday):
    """WCAG 3.1.2: what editors typed (and holiday names) is read with a Vietnamese voice."""
    session = ReceptionSessionFactory(
        weekday=Weekday.TUESDAY, place="Phòng tiếp dân số 1", topics="Đất đai"
    )
    services.change_announce(
        kind=ChangeKind.CANCEL, session=session, date=dt.date(2026, 8, 25), reason="Đi công tác"
    )
    html = client.get("/en" + URL).content.decode()
    for text in ("Phòng tiếp dân số 1", "Đất đai", "Đi công tác", "Quốc khánh"):
        assert re.search(rf'lang="vi">{text}<', html), text


def test_the_page_holds_its_query_budget(client, ward, monday, django_assert_max_num_queries):
    """Sessions and changes are read in two queries, the defaults in one, whatever their
    number: five weeks of ten sessions cost what one session costs."""
    from personnel.models import Person

    person = Person.objects.create(full_name="Người thử (minh họa)", is_demo=True)
    ReceptionSessionFactory(chair=True, person=person)
    client.get(URL)  # warms the ward profile and the calendar caches
    cache_clear_pages(monday)
    with django_assert_max_num_queries(6) as one:
        assert client.get(URL)["X-Page-Cache"] == "miss"
    assert len(one.captured_queries) >= 2
    for weekday in Weekday.values[:5]:
        ReceptionSessionFactory(weekday=weekday, person=person)
        ReceptionSessionFactory(weekday=weekday)
    cache_clear_pages(monday)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(URL)["X-Page-Cache"] == "miss"


def cache_clear_pages(clock):
    """A new page-cache version: with the clock stopped it needs the clock to move."""
    from portal.pagecache import bump_version

    clock.advance(seconds=1)
    bump_version()
