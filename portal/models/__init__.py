from .dossiers import (
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierEvent,
    DossierRating,
    StatusChangeRefused,
    SupplementRequest,
)
from .places import Province, Ward
from .procedures import (
    Procedure,
    ProcedureField,
    ProcedureFormTemplate,
    ProcedureQuestion,
    RequiredDocument,
)
from .ward import PredecessorWard, WardProfile

__all__ = [
    "Dossier",
    "DossierCodeCounter",
    "DossierDocument",
    "DossierEvent",
    "DossierRating",
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
