"""Views of the `congress` app, one module per section."""

from congress.views.documents import document_detail, document_download, document_list
from congress.views.news import article_detail, article_list

__all__ = [
    "article_detail",
    "article_list",
    "document_detail",
    "document_download",
    "document_list",
]
