"""Models of the `congress` app: news, documents, the Congress and its targets."""

from congress.models.documents import Document, IssuingBody
from congress.models.meeting import Congress, CongressGuest, CongressItem
from congress.models.news import Article, ArticleImage, Category
from congress.models.targets import Target, TargetValue

__all__ = [
    "Article",
    "ArticleImage",
    "Category",
    "Congress",
    "CongressGuest",
    "CongressItem",
    "Document",
    "IssuingBody",
    "Target",
    "TargetValue",
]
