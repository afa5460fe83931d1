"""Models of the `congress` app: news, documents, the organisation and the Congress."""

from .documents import Document, IssuingBody
from .meeting import Congress, CongressGuest, CongressItem, CongressTarget
from .news import Article, ArticleImage, Category
from .organisation import Appointment, Organ, Person, Term

__all__ = [
    "Appointment",
    "Article",
    "ArticleImage",
    "Category",
    "Congress",
    "CongressGuest",
    "CongressItem",
    "CongressTarget",
    "Document",
    "IssuingBody",
    "Organ",
    "Person",
    "Term",
]
