from .audit import AuditAction, AuditEntry
from .calendar import CalendarDayKind, CalendarOverride
from .notifications import Notification, NotificationChannel, NotificationStatus
from .ward import PredecessorWard, WardProfile

__all__ = [
    "AuditAction",
    "AuditEntry",
    "CalendarDayKind",
    "CalendarOverride",
    "Notification",
    "NotificationChannel",
    "NotificationStatus",
    "PredecessorWard",
    "WardProfile",
]
