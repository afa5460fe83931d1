"""Models of the `congress` app: news, documents and the Congress."""

from congress.models.documents import Document, IssuingBody
from congress.models.meeting import Congress, CongressGuest, CongressItem, CongressTarget
from congress.models.news import Article, ArticleImage, Category

__all__ = [
    "Article",
    "ArticleImage",
    "Category",
    "Congress",
    "CongressGuest",
    "CongressItem",
    "CongressTarget",
    "Document",
    "IssuingBody",
]
