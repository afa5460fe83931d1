"""The concrete schedule: weekly defaults, holidays, cancelled, moved and extra sessions."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from reception import rules, selectors, services
from reception.constants import ChangeKind, OccurrenceStatus, ReceiverRole, Weekday
from tests.reception.factories import ReceptionChangeFactory, ReceptionSessionFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

D = dt.date


def statuses(occurrences):
    return [(o.day, o.status) for o in occurrences]


def test_a_weekly_session_repeats_every_week_within_its_validity(monday):
    ReceptionSessionFactory(weekday=Weekday.TUESDAY, valid_until=D(2026, 9, 8))
    found = selectors.sessions_between(D(2026, 8, 24), D(2026, 9, 20))
    assert statuses(found) == [
        (D(2026, 8, 25), OccurrenceStatus.HELD),
        (D(2026, 9, 1), OccurrenceStatus.HOLIDAY),
        (D(2026, 9, 8), OccurrenceStatus.HELD),
    ]
    # 1/9 is the National Day holiday: listed as not held, with the reason.
    days = {o.day: o for o in found}
    assert days[D(2026, 9, 1)].status == OccurrenceStatus.HOLIDAY
    assert days[D(2026, 9, 1)].holiday == "Quốc khánh"
    assert not days[D(2026, 9, 1)].is_held
    assert D(2026, 9, 15) not in days  # after valid_until
    first = days[D(2026, 8, 25)]
    assert first.start == at(2026, 8, 25, 7, 30)
    assert first.end == at(2026, 8, 25, 11, 30)


def test_a_holiday_on_a_weekday_session(monday):
    ReceptionSessionFactory(weekday=Weekday.WEDNESDAY)
    (on_holiday,) = selectors.sessions_between(D(2026, 9, 2), D(2026, 9, 2))
    assert on_holiday.status == OccurrenceStatus.HOLIDAY
    assert on_holiday.holiday == "Quốc khánh"


def test_a_cancelled_session_stays_listed_as_cancelled(monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY)
    services.change_announce(
        kind=ChangeKind.CANCEL, session=session, date=D(2026, 8, 27), reason="Đi công tác"
    )
    found = selectors.sessions_between(D(2026, 8, 24), D(2026, 9, 6))
    assert statuses(found) == [
        (D(2026, 8, 27), OccurrenceStatus.CANCELLED),
        (D(2026, 9, 3), OccurrenceStatus.HELD),
    ]
    assert found[0].reason == "Đi công tác"
    assert found[0].uid == f"session-{session.pk}-20260827@{selectors.UID_DOMAIN}"


def test_a_moved_session_keeps_its_uid_at_the_new_time(monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY)
    services.change_announce(
        kind=ChangeKind.MOVE,
        session=session,
        date=D(2026, 8, 27),
        new_date=D(2026, 8, 28),
        start_time=dt.time(14, 0),
        end_time=dt.time(16, 30),
        place="Hội trường",
        reason="Họp đột xuất",
    )
    (moved,) = selectors.sessions_between(D(2026, 8, 24), D(2026, 8, 30))
    assert moved.status == OccurrenceStatus.MOVED
    assert (moved.start, moved.end) == (at(2026, 8, 28, 14, 0), at(2026, 8, 28, 16, 30))
    assert moved.original_start == at(2026, 8, 27, 7, 30)
    assert moved.place == "Hội trường"
    assert moved.uid.startswith(f"session-{session.pk}-20260827@")
    assert moved.is_held and moved.is_change


def test_a_session_moved_into_the_range_from_outside_it(monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY)
    services.change_announce(
        kind=ChangeKind.MOVE,
        session=session,
        date=D(2026, 9, 3),
        new_date=D(2026, 8, 29),
        reason="Dời lên sớm",
    )
    found = selectors.sessions_between(D(2026, 8, 24), D(2026, 8, 30))
    assert statuses(found) == [
        (D(2026, 8, 27), OccurrenceStatus.HELD),
        (D(2026, 8, 29), OccurrenceStatus.MOVED),
    ]


def test_a_session_moved_off_a_holiday_is_held(monday):
    session = ReceptionSessionFactory(weekday=Weekday.WEDNESDAY)
    services.change_announce(
        kind=ChangeKind.MOVE,
        session=session,
        date=D(2026, 9, 2),
        new_date=D(2026, 9, 3),
        reason="Trùng ngày nghỉ lễ",
    )
    (moved,) = selectors.sessions_between(D(2026, 9, 1), D(2026, 9, 6))
    assert (moved.day, moved.status) == (D(2026, 9, 3), OccurrenceStatus.MOVED)


def test_an_extra_session(monday):
    extra = ReceptionChangeFactory(extra=True, date=D(2026, 8, 29))
    (found,) = selectors.sessions_between(D(2026, 8, 24), D(2026, 8, 30))
    assert found.status == OccurrenceStatus.EXTRA
    assert found.uid == f"extra-{extra.pk}@{selectors.UID_DOMAIN}"
    assert found.is_chair and found.is_held


def test_the_computation_costs_two_queries(monday, django_assert_num_queries):
    """However long the range: the sessions, the changes (the calendar is cached)."""
    ReceptionSessionFactory(weekday=Weekday.TUESDAY)
    ReceptionChangeFactory(extra=True, date=D(2026, 8, 29))
    selectors.sessions_between(D(2026, 8, 24), D(2026, 8, 24))  # warms the calendar cache
    with django_assert_num_queries(2):
        selectors.sessions_between(D(2026, 8, 24), D(2026, 12, 31))


# --- announced in advance (Law 42/2013/QH13 Art. 2(3)) ---------------------------------


def test_a_change_must_be_announced_before_the_session(monday):
    session = ReceptionSessionFactory(weekday=Weekday.MONDAY)
    with pytest.raises(ValidationError) as error:
        services.change_announce(
            kind=ChangeKind.CANCEL, session=session, date=D(2026, 8, 24), reason="Muộn"
        )
    assert "announced_at" in error.value.message_dict
    # The same change announced the evening before is accepted.
    change = services.change_announce(
        kind=ChangeKind.CANCEL,
        session=session,
        date=D(2026, 8, 24),
        reason="Báo trước",
        announced_at=at(2026, 8, 23, 18, 0),
    )
    assert change.pk


def test_a_move_to_an_earlier_day_must_be_announced_before_that_day(monday):
    session = ReceptionSessionFactory(weekday=Weekday.FRIDAY)
    with pytest.raises(ValidationError) as error:
        services.change_announce(
            kind=ChangeKind.MOVE,
            session=session,
            date=D(2026, 8, 28),
            new_date=D(2026, 8, 24),
            start_time=dt.time(8, 0),
            reason="Dời lên",
        )
    assert "announced_at" in error.value.message_dict


def test_an_extra_session_after_the_fact_is_refused(monday):
    with pytest.raises(ValidationError) as error:
        ReceptionChangeFactory.build(extra=True, date=D(2026, 8, 20)).full_clean()
    assert "announced_at" in error.value.message_dict


def test_a_change_must_name_a_day_of_its_session(monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY)
    with pytest.raises(ValidationError) as error:
        services.change_announce(
            kind=ChangeKind.CANCEL, session=session, date=D(2026, 8, 26), reason="Sai thứ"
        )
    assert "date" in error.value.message_dict


def test_an_extra_session_needs_its_own_time_place_and_receiver(monday):
    with pytest.raises(ValidationError) as error:
        services.change_announce(kind=ChangeKind.EXTRA, date=D(2026, 8, 29), reason="Thêm")
    assert {"start_time", "end_time", "place", "receiver_role"} <= set(error.value.message_dict)


def test_editing_a_change_bumps_its_revision(monday):
    session = ReceptionSessionFactory(weekday=Weekday.THURSDAY)
    change = services.change_announce(
        kind=ChangeKind.CANCEL, session=session, date=D(2026, 8, 27), reason="Một"
    )
    (before,) = selectors.sessions_between(D(2026, 8, 27), D(2026, 8, 27))
    change.reason = "Hai"
    services.change_save(change=change)
    (after,) = selectors.sessions_between(D(2026, 8, 27), D(2026, 8, 27))
    assert after.sequence == before.sequence + 1


# --- the chair's weekly session (Law 42/2013/QH13 Art. 15(2)(d)) ------------------------


def test_the_chair_rule_wants_a_weekly_session_of_the_chair(monday):
    ReceptionSessionFactory(receiver_role=ReceiverRole.VICE_CHAIR)
    assert not rules.chair_has_weekly_session()
    chair = ReceptionSessionFactory(chair=True)
    assert rules.chair_has_weekly_session()
    chair.valid_until = D(2026, 8, 23)
    services.session_save(session=chair)
    assert not rules.chair_has_weekly_session()


def test_weeks_where_the_chair_receives_nobody(monday):
    chair = ReceptionSessionFactory(chair=True)  # Thursdays
    services.change_announce(
        kind=ChangeKind.CANCEL, session=chair, date=D(2026, 9, 3), reason="Công tác"
    )
    monday_ = D(2026, 8, 24)
    weeks = selectors.weeks(
        monday_, 3, selectors.sessions_between(monday_, monday_ + dt.timedelta(days=20))
    )
    missing = rules.weeks_without_chair(weeks)
    assert [w["monday"] for w in missing] == [D(2026, 8, 31)]
    # An extra session of the chair in that week satisfies the rule again.
    ReceptionChangeFactory(extra=True, date=D(2026, 9, 4))
    weeks = selectors.weeks(
        monday_, 3, selectors.sessions_between(monday_, monday_ + dt.timedelta(days=20))
    )
    assert rules.weeks_without_chair(weeks) == []
