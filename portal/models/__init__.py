from .audit import AuditAction, AuditEntry
from .calendar import CalendarDayKind, CalendarOverride
from .dossiers import (
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierEvent,
    DossierRating,
    StatusChangeRefused,
    SupplementRequest,
)
from .notifications import Notification, NotificationChannel, NotificationStatus
from .places import Province, Ward
from .procedures import (
    Procedure,
    ProcedureField,
    ProcedureFormTemplate,
    ProcedureQuestion,
    RequiredDocument,
)
from .staff import Apology, DueDateChange, StaffProfile
from .ward import PredecessorWard, WardProfile

__all__ = [
    "Apology",
    "DueDateChange",
    "StaffProfile",
    "AuditAction",
    "AuditEntry",
    "CalendarDayKind",
    "CalendarOverride",
    "Dossier",
    "DossierCodeCounter",
    "DossierDocument",
    "DossierEvent",
    "DossierRating",
    "Notification",
    "NotificationChannel",
    "NotificationStatus",
    "PredecessorWard",
    "Procedure",
    "ProcedureField",
    "ProcedureFormTemplate",
    "ProcedureQuestion",
    "Province",
    "RequiredDocument",
    "StatusChangeRefused",
    "SupplementRequest",
    "Ward",
    "WardProfile",
]
