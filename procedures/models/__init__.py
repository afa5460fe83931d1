"""Models of the procedures app: the catalogue, places, dossiers, their deadlines and
the online forms saved to finish later, and fees."""

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
from procedures.models.drafts import DossierDraft
from procedures.models.fees import DossierFee, FeeAdjustment, FeeRule, FeeRuleKind
from procedures.models.places import Province, Ward

__all__ = [
    "Apology",
    "CalendarDayKind",
    "CalendarOverride",
    "Dossier",
    "DossierCodeCounter",
    "DossierDocument",
    "DossierDraft",
    "DossierEvent",
    "DossierFee",
    "DossierRating",
    "DueDateChange",
    "FeeAdjustment",
    "FeeRule",
    "FeeRuleKind",
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
