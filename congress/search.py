"""Search providers for articles and documents (see anphong/search.py for the registry).

Both match word starts in a folded column (`index_text`), so "dai hoi", "ĐẠI HỘI" and
"Đại hội" find the same rows (`portal.search.registry.AllWordStarts`: LIKE patterns, and on
PostgreSQL the `search_words` tsvector of migration 0006 with its GIN index). The
snippet comes from the sapo / trích yếu, which the query already loads: the (large)
body never leaves the database for a results page.
"""

from functools import cache

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.constants import DocumentType
from congress.models import Article, Document
from congress.urlcache import slug_url
from portal.db import BakedQuery, choice_label
from portal.search import registry as search

CANDIDATES = 200


def _holds(field, text):
    """`text` occurs in `field`: a plain substring test (strpos / instr), cheaper than a
    LIKE pattern for a score computed on rows already found."""
    return GreaterThan(StrIndex(field, Value(text)), 0)


def _word_names(count):
    return [f"word{i}" for i in range(count)]


def _values(query):
    """The values of a compiled search: the phrase and each word start (" dai")."""
    words = query.word_prefixes()
    return {"phrase": query.phrase, **dict(zip(_word_names(len(words)), words, strict=True))}


def _best(candidates, order, limit, **values):
    """The `limit` best rows of a compiled candidate walk: the database ranks them by
    `order` (column positions of the walk's values_list, score first)."""
    sql, params = candidates.statement(**values)
    ranked = f"SELECT * FROM ({sql}) candidates ORDER BY {order} LIMIT %s"  # noqa: S608
    return candidates.fetch(ranked, [*params, limit])


def _per_word_count(model, **fields):
    """Decorator: `build(phrase, words, **values)` becomes a function of the number of
    words giving its portal.db.BakedQuery, compiled once per count (building the query
    took Django longer than PostgreSQL took to run it). The statement's values: those of
    `_values(query)`, plus `fields` (value name → model field, as for BakedQuery)."""

    def decorate(build):
        @cache
        def for_count(count):
            names = _word_names(count)

            def compiled(phrase, **values):
                words = [values.pop(name) for name in names]
                return build(phrase, words, **values)

            text = dict.fromkeys(["phrase", *names], "search_text")
            return BakedQuery(model, compiled, **fields, **text)

        return for_count

    return decorate


@_per_word_count(Article, now="published_at")
def _article_candidates(phrase, words, now):
    score = Case(
        When(_holds("search_title", phrase), then=Value(100)),
        When(Q(*[_holds("search_title", w) for w in words]), then=Value(80)),
        When(_holds("search_text", phrase), then=Value(60)),
        default=Value(40),
        output_field=IntegerField(),
    )
    return (
        Article.objects.published(now=now)
        .filter(search.AllWordStarts(words))
        .annotate(score=score)
        .order_by("-published_at", "-id")
        .values_list("score", "title", "slug", "summary", "published_at", "id")[:CANDIDATES]
    )


class ArticleSearch(search.Provider):
    kind = "article"
    label = _("Tin tức")

    def search(self, query, limit):
        # Rank a bounded candidate set, not every match: the newest CANDIDATES (200)
        # matches, scored in the same walk down the date index (a common word such as
        # "phuong" then costs that short walk instead of ranking 100 000 rows; a rare one
        # is found through the search_words index). The database ranks them too and sends
        # only the `limit` best, as tuples of the few short columns a hit shows (the body
        # stays in the database). A title match older than the newest 200 text matches
        # is not ranked (adding words to the query finds it).
        # Columns: 1 score, 5 published_at, 6 id: equal scores keep the walk's order.
        rows = _best(
            _article_candidates(len(query.terms)),
            "1 DESC, 5 DESC, 6 DESC",
            limit,
            now=timezone.now(),
            **_values(query),
        )
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
            for score, title, slug, summary, published_at, _id in rows
        ]


@_per_word_count(Document)
def _document_candidates(phrase, words):
    score = Case(
        When(_holds("search_text", phrase), then=Value(70)),
        default=Value(35),
        output_field=IntegerField(),
    )
    return (
        Document.objects.public()
        .filter(search.AllWordStarts(words))
        .annotate(score=score)
        .order_by("-issued_on", "-id")
        .values_list("score", "doc_type", "number", "summary", "issued_on", "slug", "id")[
            :CANDIDATES
        ]
    )


class DocumentSearch(search.Provider):
    kind = "document"
    label = _("Văn bản")

    def search(self, query, limit):
        # As for articles: the newest CANDIDATES matches, ranked by the database (a word
        # in every document, such as "phuong", costs a walk of 200 rows, not a sort of
        # the whole register).
        # Columns: 1 score, 5 issued_on, 7 id.
        rows = _best(
            _document_candidates(len(query.terms)),
            "1 DESC, 5 DESC, 7 DESC",
            limit,
            **_values(query),
        )
        labels = {}  # a type's label is translated once per search, not once per hit
        hits = []
        for score, doc_type, number, summary, issued_on, slug, _id in rows:
            if doc_type not in labels:
                labels[doc_type] = choice_label(DocumentType, doc_type)
            hits.append(
                search.Hit(
                    title=Document.title_of(labels[doc_type], number),
                    url=slug_url("congress:document_detail", slug),
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
