"""Search providers for articles and documents (see anphong/search.py for the registry).

Both match word starts in a folded column (`index_text`), so "dai hoi", "ĐẠI HỘI" and
"Đại hội" find the same rows; on PostgreSQL the trigram GIN indexes of migration 0002
serve these LIKE patterns. The snippet comes from the sapo / trích yếu, which the query
already loads: the (large) body never leaves the database for a results page.
"""

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from anphong import search

from .models import Article, Document

CANDIDATES = 400


def _all_words(field, query):
    condition = Q()
    for prefix in query.word_prefixes():
        condition &= Q(**{f"{field}__contains": prefix})
    return condition


class ArticleSearch(search.Provider):
    kind = "article"
    label = _("Tin tức")

    def search(self, query, limit):
        score = Case(
            When(Q(search_title__contains=query.phrase), then=Value(100)),
            When(_all_words("search_title", query), then=Value(80)),
            When(Q(search_text__contains=query.phrase), then=Value(60)),
            default=Value(40),
            output_field=IntegerField(),
        )
        # Rank a bounded candidate set, not every match: the most recent matches. A
        # common word ("phuong") then costs a short walk down the date index instead of
        # ranking 100 000 rows; a rare one is found through the trigram index. A title
        # match older than the newest CANDIDATES (400) text matches is not ranked (it is still
        # found by adding words to the query).
        candidates = (
            Article.objects.published()
            .filter(_all_words("search_text", query))
            .order_by("-published_at", "-id")
            .values("pk")[:CANDIDATES]
        )
        rows = (
            Article.objects.filter(pk__in=candidates)
            .annotate(score=score)
            .only("title", "slug", "summary", "published_at")
            .order_by("-score", "-published_at", "-id")[:limit]
        )
        return [
            search.Hit(
                title=a.title,
                url=a.get_absolute_url(),
                text=a.summary,
                terms=query.terms,
                kind=self.kind,
                score=a.score,
                date=a.published_at,
            )
            for a in rows
        ]


class DocumentSearch(search.Provider):
    kind = "document"
    label = _("Văn bản")

    def search(self, query, limit):
        score = Case(
            When(Q(search_text__contains=query.phrase), then=Value(70)),
            default=Value(35),
            output_field=IntegerField(),
        )
        rows = (
            Document.objects.public()
            .filter(_all_words("search_text", query))
            .annotate(score=score)
            .only("doc_type", "number", "summary", "issued_on", "slug")
            .order_by("-score", "-issued_on", "-id")[:limit]
        )
        return [
            search.Hit(
                title=d.title,
                url=d.get_absolute_url(),
                text=d.summary,
                terms=query.terms,
                kind=self.kind,
                score=d.score,
                date=d.issued_on,
            )
            for d in rows
        ]


def register():
    search.register(ArticleSearch)
    search.register(DocumentSearch)
