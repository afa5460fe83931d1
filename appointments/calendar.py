"""One booking as an iCalendar event (RFC 5545), for the resident's own calendar."""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _


def _escape(text):
    # RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT.
    return (
        str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def _utc(moment):
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_for(appointment):
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "anphong"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Phuong An Phong//Lich hen//VI",
        "BEGIN:VEVENT",
        f"UID:{appointment.code}@{host}",
        f"DTSTAMP:{_utc(appointment.created_at)}",
        f"DTSTART:{_utc(appointment.starts_at)}",
        f"DTEND:{_utc(appointment.ends_at)}",
        "SUMMARY:"
        + _escape(_("Lịch hẹn %(code)s tại Bộ phận một cửa") % {"code": appointment.code}),
        "DESCRIPTION:" + _escape(appointment.procedure.name),
        "LOCATION:" + _escape(_("Bộ phận một cửa, Ủy ban nhân dân phường An Phong")),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
