"""Search providers for articles and documents (see portal/search/registry.py for the registry).

Both match word starts in a folded column (`index_text`), so "dai hoi", "ĐẠI HỘI" and
"Đại hội" find the same rows (`portal.search.registry.AllWordStarts`: LIKE patterns, and on
PostgreSQL the `search_words` tsvector of migration 0002 with its GIN index). The
snippet comes from the sapo / trích yếu, which the query already loads: the (large)
body never leaves the database for a results page.
"""

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.constants import DocumentType
from congress.models import Article, Document
from portal.db import choice_label
from portal.search import registry as search

CANDIDATES = 200


def _holds(field, text):
    """`text` occurs in `field`: a plain substring test (strpos / instr), cheaper than a
    LIKE pattern for a score computed on rows already found."""
    return GreaterThan(StrIndex(field, Value(text)), 0)


def _best(model, candidates, score, order, limit):
    """The `limit` best of `candidates` (a sliced QuerySet of matches, newest first):
    the database scores only those rows and ranks them by score, then `order`."""
    return (
        model.objects.filter(pk__in=candidates.values("pk"))
        .annotate(score=score)
        .order_by("-score", *order)[:limit]
    )


class ArticleSearch(search.Provider):
    kind = "article"
    label = _("Tin tức")

    def search(self, query, limit):
        # Rank a bounded candidate set, not every match: the newest CANDIDATES (200)
        # matches, found by a walk down the date index (a common word such as "phuong"
        # then costs that short walk instead of ranking 100 000 rows; a rare one is found
        # through the search_words index), then scored and ranked by the database, which
        # sends only the `limit` best, as the few short columns a hit shows (the body
        # stays in the database). A title match older than the newest 200 text matches
        # is not ranked (adding words to the query finds it). Equal scores keep the
        # walk's order.
        order = ("-published_at", "-id")
        words = query.word_prefixes()
        candidates = (
            Article.objects.published()
            .filter(search.AllWordStarts(words))
            .order_by(*order)[:CANDIDATES]
        )
        score = Case(
            When(_holds("search_title", query.phrase), then=Value(100)),
            When(Q(*[_holds("search_title", w) for w in words]), then=Value(80)),
            When(_holds("search_text", query.phrase), then=Value(60)),
            default=Value(40),
            output_field=IntegerField(),
        )
        rows = _best(Article, candidates, score, order, limit).values_list(
            "score", "title", "slug", "summary", "published_at"
        )
        return [
            search.Hit(
                title=title,
                url=reverse("congress:article_detail", kwargs={"slug": slug}),
                text=summary,
                terms=query.terms,
                kind=self.kind,
                score=score,
                date=published_at,
            )
            for score, title, slug, summary, published_at in rows
        ]


class DocumentSearch(search.Provider):
    kind = "document"
    label = _("Văn bản")

    def search(self, query, limit):
        # As for articles: the newest CANDIDATES matches, ranked by the database (a word
        # in every document, such as "phuong", costs a walk of 200 rows, not a sort of
        # the whole register).
        order = ("-issued_on", "-id")
        candidates = (
            Document.objects.public()
            .filter(search.AllWordStarts(query.word_prefixes()))
            .order_by(*order)[:CANDIDATES]
        )
        score = Case(
            When(_holds("search_text", query.phrase), then=Value(70)),
            default=Value(35),
            output_field=IntegerField(),
        )
        rows = _best(Document, candidates, score, order, limit).values_list(
            "score", "doc_type", "number", "summary", "issued_on", "slug"
        )
        labels = {}  # a type's label is translated once per search, not once per hit
        hits = []
        for score, doc_type, number, summary, issued_on, slug in rows:
            if doc_type not in labels:
                labels[doc_type] = choice_label(DocumentType, doc_type)
            hits.append(
                search.Hit(
                    title=Document.title_of(labels[doc_type], number),
                    url=reverse("congress:document_detail", kwargs={"slug": slug}),
                    text=summary,
                    terms=query.terms,
                    kind=self.kind,
                    score=score,
                    date=issued_on,
                )
            )
        return hits


def register():
    search.register(ArticleSearch)
    search.register(DocumentSearch)
