"""The concrete reception sessions of a date range: weekly defaults, holidays and changes.

A default session falling on a public holiday or a day off the admin declared
(procedures.workdays) is listed as not held, so nobody comes to a closed office; a change
edited by staff takes precedence over the default and over the holiday.
"""

import dataclasses
import datetime as dt

from django.db.models import Q
from django.utils import timezone

from procedures.workdays import get_calendar, national_holiday
from reception.constants import ChangeKind, OccurrenceStatus, ReceiverRole
from reception.models import ReceptionChange, ReceptionSession, local_moment

UID_DOMAIN = "lich-tiep-cong-dan.anphong"
HELD_STATUSES = {OccurrenceStatus.HELD, OccurrenceStatus.MOVED, OccurrenceStatus.EXTRA}


@dataclasses.dataclass
class Occurrence:
    """One session on one day, as the page and the calendar feed show it."""

    uid: str
    day: dt.date
    start: dt.datetime
    end: dt.datetime
    status: str
    receiver_role: str
    person: object
    place: str
    topics: str
    is_demo: bool
    sequence: int
    last_modified: dt.datetime
    session: ReceptionSession | None = None
    change: ReceptionChange | None = None
    reason: str = ""  # the change's reason, as staff wrote it
    holiday: str = ""  # the holiday's Vietnamese name, when the office is closed
    original_start: dt.datetime | None = None

    @property
    def is_held(self):
        return self.status in HELD_STATUSES

    @property
    def is_change(self):
        return self.status != OccurrenceStatus.HELD

    @property
    def is_chair(self):
        return self.receiver_role == ReceiverRole.CHAIR

    @property
    def receiver_role_label(self):
        return ReceiverRole(self.receiver_role).label

    @property
    def status_label(self):
        return OccurrenceStatus(self.status).label


def _closed(calendar, day):
    """(closed, holiday name) for a default session on `day`: a day off the admin declared
    has no national name."""
    if calendar.is_working_day(day):
        return False, ""
    name = national_holiday(day) or ""
    # A session set on a weekend day is held unless that day is a holiday.
    return bool(name or day.weekday() in calendar.weekdays), name


def _from_default(session, day, change, calendar):
    uid = f"session-{session.pk}-{day:%Y%m%d}@{UID_DOMAIN}"
    common = {
        "uid": uid,
        "receiver_role": session.receiver_role,
        "person": session.person,
        "topics": session.topics,
        "session": session,
        "change": change,
    }
    if change is None:
        closed, holiday = _closed(calendar, day)
        return Occurrence(
            day=day,
            start=local_moment(day, session.start_time),
            end=local_moment(day, session.end_time),
            status=OccurrenceStatus.HOLIDAY if closed else OccurrenceStatus.HELD,
            place=session.place,
            is_demo=session.is_demo,
            sequence=session.revision,
            last_modified=session.updated_at,
            holiday=holiday,
            **common,
        )
    sequence = session.revision + change.revision + 1
    modified = max(session.updated_at, change.updated_at)
    if change.kind == ChangeKind.CANCEL:
        return Occurrence(
            day=day,
            start=local_moment(day, session.start_time),
            end=local_moment(day, session.end_time),
            status=OccurrenceStatus.CANCELLED,
            place=session.place,
            is_demo=session.is_demo or change.is_demo,
            sequence=sequence,
            last_modified=modified,
            reason=change.reason,
            **common,
        )
    new_day = change.new_date
    return Occurrence(
        day=new_day,
        start=local_moment(new_day, change.start_time or session.start_time),
        end=local_moment(new_day, change.end_time or session.end_time),
        status=OccurrenceStatus.MOVED,
        place=change.place or session.place,
        is_demo=session.is_demo or change.is_demo,
        sequence=sequence,
        last_modified=modified,
        reason=change.reason,
        original_start=local_moment(day, session.start_time),
        **{**common, "topics": change.topics or session.topics},
    )


def _from_extra(change):
    return Occurrence(
        uid=f"extra-{change.pk}@{UID_DOMAIN}",
        day=change.date,
        start=local_moment(change.date, change.start_time),
        end=local_moment(change.date, change.end_time),
        status=OccurrenceStatus.EXTRA,
        receiver_role=change.receiver_role,
        person=change.person,
        place=change.place,
        topics=change.topics,
        is_demo=change.is_demo,
        sequence=change.revision,
        last_modified=change.updated_at,
        change=change,
        reason=change.reason,
    )


def _days(start, end):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


def sessions_between(start, end, *, calendar=None):
    """Every concrete session from `start` to `end` (dates, both included), by start time.

    Two queries, whatever the range: the default sessions and the changes that touch it.
    """
    calendar = calendar or get_calendar()
    sessions = list(ReceptionSession.objects.valid_between(start, end).select_related("person"))
    changes = list(
        ReceptionChange.objects.filter(
            Q(date__range=(start, end)) | Q(new_date__range=(start, end))
        ).select_related("person", "session__person")
    )
    by_slot = {(c.session_id, c.date): c for c in changes if c.session_id}
    result = []
    for day in _days(start, end):
        for session in sessions:
            if session.weekday != day.weekday() or not session.is_valid_on(day):
                continue
            change = by_slot.get((session.pk, day))
            if change is None or change.kind == ChangeKind.CANCEL:
                result.append(_from_default(session, day, change, calendar))
            elif start <= change.new_date <= end:
                result.append(_from_default(session, day, change, calendar))
    for change in changes:
        if change.kind == ChangeKind.EXTRA and start <= change.date <= end:
            result.append(_from_extra(change))
        elif (
            change.kind == ChangeKind.MOVE
            and change.session is not None
            and not start <= change.date <= end
            and start <= change.new_date <= end
        ):
            # Moved into the range from a day outside it.
            result.append(_from_default(change.session, change.date, change, calendar))
    result.sort(key=lambda o: (o.start, o.uid))
    return result


def week_start(day):
    return day - dt.timedelta(days=day.weekday())


def weeks(first_monday, count, occurrences):
    """Group `occurrences` into `count` weeks from `first_monday`: [(monday, sunday, [...])]."""
    grouped = []
    for index in range(count):
        monday = first_monday + dt.timedelta(weeks=index)
        sunday = monday + dt.timedelta(days=6)
        grouped.append(
            {
                "monday": monday,
                "sunday": sunday,
                "sessions": [o for o in occurrences if monday <= o.day <= sunday],
            }
        )
    return grouped


def weekly_defaults(on=None):
    """The default sessions in force on `on` (today), in weekday order."""
    on = on or timezone.localdate()
    return list(ReceptionSession.objects.valid_on(on).select_related("person"))
