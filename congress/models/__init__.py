"""Models of the `congress` app: news, documents, the organisation and the Congress."""

from congress.models.documents import Document, IssuingBody
from congress.models.meeting import Congress, CongressGuest, CongressItem, CongressTarget
from congress.models.news import Article, ArticleImage, Category
from congress.models.organisation import Appointment, Organ, Person, Term

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
