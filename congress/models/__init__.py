from .meeting import Congress, CongressGuest, CongressItem, CongressTarget
from .organisation import Appointment, Organ, Person, Term

__all__ = [
    "Appointment",
    "Congress",
    "CongressGuest",
    "CongressItem",
    "CongressTarget",
    "Organ",
    "Person",
    "Term",
]
