"""Models of the `congress` app: news, documents (and, later, the organisation)."""

from .documents import Document, IssuingBody
from .news import Article, ArticleImage, Category

__all__ = ["Article", "ArticleImage", "Category", "Document", "IssuingBody"]
