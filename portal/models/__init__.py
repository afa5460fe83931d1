from .calendar import CalendarDayKind, CalendarOverride
from .ward import PredecessorWard, WardProfile

__all__ = ["CalendarDayKind", "CalendarOverride", "PredecessorWard", "WardProfile"]
