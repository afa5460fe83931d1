"""Models of the procedures app: the catalogue, places, dossiers and their deadlines."""

from portal.records import StatusChangeRefused
from procedures.models.calendar import CalendarDayKind, CalendarOverride
from procedures.models.catalogue import (
    Procedure,
    ProcedureField,
    ProcedureFormTemplate,
    ProcedureQuestion,
    RequiredDocument,
)
from procedures.models.deadlines import Apology, DueDateChange
from procedures.models.dossiers import (
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierEvent,
    DossierRating,
    SupplementRequest,
)
from procedures.models.places import Province, Ward

__all__ = [
    "Apology",
    "CalendarDayKind",
    "CalendarOverride",
    "Dossier",
    "DossierCodeCounter",
    "DossierDocument",
    "DossierEvent",
    "DossierRating",
    "DueDateChange",
    "Procedure",
    "ProcedureField",
    "ProcedureFormTemplate",
    "ProcedureQuestion",
    "Province",
    "RequiredDocument",
    "StatusChangeRefused",
    "SupplementRequest",
    "Ward",
]
