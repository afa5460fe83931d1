"""The calendar feed, parsed back with `icalendar` as a subscribed calendar would read it."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from reception import services
from reception.constants import ChangeKind, Weekday
from tests.reception.factories import ReceptionChangeFactory, ReceptionSessionFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def feed(client):
    response = client.get(reverse("reception:ical"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_holds_every_session_with_a_timezone(client, monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY, place="Phòng 1")
    calendar = feed(client)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    events = events_by_uid(calendar)
    uid = f"session-{session.pk}-20260827@lich-tiep-cong-dan.anphong"
    event = events[uid]
    assert event.decoded("DTSTART") == dt.datetime(2026, 8, 27, 7, 30, tzinfo=VN)
    assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert event.decoded("DTEND") == at(2026, 8, 27, 11, 30)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Phòng 1"
    assert "Phó Chủ tịch UBND phường" in str(event["SUMMARY"])
    assert "minh họa" in str(event["DESCRIPTION"])
    assert event.decoded("SEQUENCE") == 0
    # Four weeks back to twelve ahead: 16 Thursdays.
    assert len(events) == 16


def test_a_cancelled_session_is_cancelled_with_a_higher_sequence(client, monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY)
    uid = f"session-{session.pk}-20260827@lich-tiep-cong-dan.anphong"
    before = events_by_uid(feed(client))[uid]
    monday.advance(seconds=1)  # the page cache's version is a clock reading
    services.change_announce(
        kind=ChangeKind.CANCEL, session=session, date=dt.date(2026, 8, 27), reason="Công tác"
    )
    after = events_by_uid(feed(client))[uid]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after.decoded("LAST-MODIFIED").tzinfo is not None
    assert "Lý do: Công tác" in str(after["DESCRIPTION"])
    assert "Thông báo lúc 24/08/2026 09:00" in str(after["DESCRIPTION"])


def test_a_moved_session_keeps_its_uid(client, monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY)
    services.change_announce(
        kind=ChangeKind.MOVE,
        session=session,
        date=dt.date(2026, 8, 27),
        new_date=dt.date(2026, 8, 28),
        reason="Họp",
    )
    events = events_by_uid(feed(client))
    moved = events[f"session-{session.pk}-20260827@lich-tiep-cong-dan.anphong"]
    assert moved.decoded("DTSTART") == at(2026, 8, 28, 7, 30)
    assert str(moved["STATUS"]) == "CONFIRMED"
    assert moved.decoded("SEQUENCE") == 1


def test_holidays_and_extra_sessions(client, monday):
    session = ReceptionSessionFactory(weekday=Weekday.WEDNESDAY)
    extra = ReceptionChangeFactory(extra=True, date=dt.date(2026, 8, 29))
    events = events_by_uid(feed(client))
    holiday = events[f"session-{session.pk}-20260902@lich-tiep-cong-dan.anphong"]
    assert str(holiday["STATUS"]) == "CANCELLED"
    assert "Quốc khánh" in str(holiday["DESCRIPTION"])
    added = events[f"extra-{extra.pk}@lich-tiep-cong-dan.anphong"]
    assert added.decoded("DTSTART") == at(2026, 8, 29, 14, 0)
    assert str(added["STATUS"]) == "CONFIRMED"
