from portal.models.audit import AuditAction, AuditEntry
from portal.models.calendar import CalendarDayKind, CalendarOverride
from portal.models.dossiers import Dossier, DossierCodeCounter, DossierDocument, DossierEvent, DossierRating, StatusChangeRefused, SupplementRequest
from portal.models.notifications import Notification, NotificationChannel, NotificationStatus
from portal.models.places import Province, Ward
from portal.models.procedures import Procedure, ProcedureField, ProcedureFormTemplate, ProcedureQuestion, RequiredDocument
from portal.models.staff import Apology, DueDateChange, StaffProfile
from portal.models.ward import PredecessorWard, WardProfile

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
