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
from .urlcache import slug_url

CANDIDATES = 200


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
        # Rank a bounded candidate set, not every match: the newest CANDIDATES (200)
        # matches, scored in the same walk down the date index (a common word such as
        # "phuong" then costs that short walk instead of ranking 100 000 rows; a rare one
        # is found through the trigram index). The walk brings the few short columns a
        # hit shows as plain tuples (no model rows; the body stays in the database), so
        # one query serves the page. A title match older than the newest 200 text
        # matches is not ranked (adding words to the query finds it).
        candidates = list(
            Article.objects.published()
            .filter(_all_words("search_text", query))
            .annotate(score=score)
            .order_by("-published_at", "-id")
            .values_list("score", "title", "slug", "summary", "published_at")[:CANDIDATES]
        )
        # Python's sort is stable: equal scores keep the newest-first order of the walk.
        candidates.sort(key=lambda row: row[0], reverse=True)
        return [
            search.Hit(
                title=title,
                url=slug_url("congress:article_detail", slug),
                text=summary,
                terms=query.terms,
                kind=self.kind,
                score=score,
                date=published_at,
            )
            for score, title, slug, summary, published_at in candidates[:limit]
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
