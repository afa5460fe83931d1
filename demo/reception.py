"""Demo reception schedule for `make run`: the weekly sessions and two announced changes.

Only the chair's name is real (FACTS: Lâm Văn Đạt, Chủ tịch UBND phường); the days,
times, places and topics are invented, so every row is `is_demo` and the page marks it.
Idempotent: sessions are found by role and weekday; the changes are added only while no
demo change lies ahead.
"""

import datetime as dt

from django.utils import timezone

from personnel.models import Person
from reception import services
from reception.constants import ChangeKind, ReceiverRole, Weekday
from reception.models import ReceptionChange, ReceptionSession

PLACE = "Phòng tiếp công dân, trụ sở UBND phường (địa điểm minh họa)"
SESSIONS = [
    # (role, person slug, weekday, start, end, topics)
    (ReceiverRole.CHAIR, "lam-van-dat", Weekday.THURSDAY, "07:30", "11:30", ""),
    (
        ReceiverRole.VICE_CHAIR,
        None,
        Weekday.TUESDAY,
        "14:00",
        "16:30",
        "Đất đai, xây dựng, trật tự đô thị (minh họa)",
    ),
    (ReceiverRole.OFFICER, None, Weekday.MONDAY, "08:00", "11:00", ""),
    (ReceiverRole.OFFICER, None, Weekday.WEDNESDAY, "08:00", "11:00", ""),
]


def _time(text):
    return dt.time.fromisoformat(text)


def load(stdout=None):
    today = timezone.localdate()
    sessions = {}
    for role, slug, weekday, start, end, topics in SESSIONS:
        person = Person.objects.filter(slug=slug).first() if slug else None
        session = ReceptionSession.objects.filter(
            receiver_role=role, weekday=weekday, is_demo=True
        ).first()
        if session is None:
            session = services.session_create(
                receiver_role=role,
                weekday=weekday,
                start_time=_time(start),
                end_time=_time(end),
                place=PLACE,
                topics=topics,
                person=person,
                valid_from=dt.date(2025, 7, 1),
                is_demo=True,
            )
        sessions[role, weekday] = session
    if not ReceptionChange.objects.filter(is_demo=True, date__gt=today).exists():
        _add_changes(sessions, today)
    if stdout is not None:
        stdout.write("Demo reception schedule loaded.")


def _next(today, weekday, weeks_later):
    days = (weekday - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=days, weeks=weeks_later)


def _add_changes(sessions, today):
    chair = sessions[ReceiverRole.CHAIR, Weekday.THURSDAY]
    thursday = _next(today, Weekday.THURSDAY, 1)
    services.change_announce(
        kind=ChangeKind.MOVE,
        session=chair,
        date=thursday,
        new_date=thursday + dt.timedelta(days=1),
        reason="Chủ tịch dự họp tại thành phố (lý do minh họa).",
        is_demo=True,
    )
    vice = sessions[ReceiverRole.VICE_CHAIR, Weekday.TUESDAY]
    services.change_announce(
        kind=ChangeKind.CANCEL,
        session=vice,
        date=_next(today, Weekday.TUESDAY, 2),
        reason="Phó Chủ tịch đi công tác (lý do minh họa).",
        is_demo=True,
    )
    services.change_announce(
        kind=ChangeKind.EXTRA,
        date=_next(today, Weekday.SATURDAY, 2),
        start_time=_time("08:00"),
        end_time=_time("10:30"),
        place=PLACE,
        receiver_role=ReceiverRole.CHAIR,
        person=chair.person,
        topics="Bồi thường, hỗ trợ giải phóng mặt bằng (minh họa)",
        reason="Tiếp thêm theo đề nghị của tổ dân phố (lý do minh họa).",
        is_demo=True,
    )
