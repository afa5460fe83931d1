"""The schedule as an iCalendar feed (RFC 5545), for residents' calendar applications.

Each concrete session is one VEVENT whose UID stays the same whatever happens to it: a
moved session keeps its UID with the new time, a cancelled one stays with
STATUS:CANCELLED, and SEQUENCE / LAST-MODIFIED grow with every edit, so a subscribed
calendar updates the event instead of showing a second one. Times carry the
Asia/Ho_Chi_Minh VTIMEZONE.
"""

import datetime as dt

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from reception.constants import OccurrenceStatus
from reception.selectors import sessions_between, week_start

WEEKS_BACK = 4
WEEKS_AHEAD = 12


def _description(occurrence):
    lines = [occurrence.topics or _("Tiếp mọi nội dung khiếu nại, tố cáo, kiến nghị, phản ánh.")]
    if occurrence.status == OccurrenceStatus.HOLIDAY:
        holiday = _("Ngày nghỉ lễ")
        lines.append(f"{holiday}: {occurrence.holiday}" if occurrence.holiday else holiday)
    if occurrence.reason:
        lines.append(_("Lý do: %(reason)s") % {"reason": occurrence.reason})
    if occurrence.change is not None:
        announced = timezone.localtime(occurrence.change.announced_at)
        lines.append(_("Thông báo lúc %(moment)s") % {"moment": f"{announced:%d/%m/%Y %H:%M}"})
    if occurrence.is_demo:
        lines.append(_("Dữ liệu minh họa: giờ, địa điểm chưa phải thông tin chính thức."))
    return "\n".join(lines)


def _summary(occurrence):
    who = occurrence.receiver_role_label
    if occurrence.person is not None:
        who = f"{occurrence.person.full_name} ({who})"
    summary = _("Tiếp công dân: %(who)s") % {"who": who}
    if occurrence.status == OccurrenceStatus.HOLIDAY:
        summary = f"[{_('Không tiếp')}] {summary}"
    return summary


def build_calendar(occurrences, *, now=None):
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//UBND phuong An Phong//Lich tiep cong dan//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Lịch tiếp công dân – phường An Phong"))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for occurrence in occurrences:
        event = Event()
        event.add("uid", occurrence.uid)
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", occurrence.start)
        event.add("dtend", occurrence.end)
        event.add("summary", _summary(occurrence))
        event.add("location", occurrence.place)
        event.add("description", _description(occurrence))
        event.add("status", "CONFIRMED" if occurrence.is_held else "CANCELLED")
        event.add("sequence", occurrence.sequence)
        event.add("last-modified", occurrence.last_modified.astimezone(dt.UTC))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def schedule_ics(request):
    """From four weeks back (late changes stay visible) to twelve weeks ahead."""
    monday = week_start(timezone.localdate())
    start = monday - dt.timedelta(weeks=WEEKS_BACK)
    end = monday + dt.timedelta(weeks=WEEKS_AHEAD, days=-1)
    calendar = build_calendar(sessions_between(start, end))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-tiep-cong-dan.ics"'
    return response
