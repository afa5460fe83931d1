"""Views of the `congress` app, one module per section."""

from .documents import document_detail, document_download, document_list
from .news import article_detail, article_list

__all__ = [
    "article_detail",
    "article_list",
    "document_detail",
    "document_download",
    "document_list",
]
