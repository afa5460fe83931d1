"""Search providers for articles and documents (see portal/search/registry.py for the registry).

Both match word starts in a folded column (`index_text`), so "dai hoi", "ĐẠI HỘI" and
"Đại hội" find the same rows (`portal.search.registry.AllWordStarts`: LIKE patterns, and on
PostgreSQL the `search_words` tsvector of migration 0002 with its GIN index). The
snippet comes from the sapo / trích yếu, which the query already loads: the (large)
body never leaves the database for a results page.

On PostgreSQL each provider sends one hand-written statement (ARTICLE_SQL, DOCUMENT_SQL):
the same candidates, scores and order as the QuerySets, which stay the reference and the
SQLite path. Building and compiling the QuerySets cost three times the database's own
work for a search with nothing cached (issue 13: p99 under 100 ms); the publication
rule they repeat is held to the QuerySets' by tests/congress/test_search_sql.py.
"""

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.constants import ArticleStatus, DocumentType
from congress.models import Article, Document
from portal.db import choice_label
from portal.search import registry as search

CANDIDATES = 200


def _holds(field, text):
    """`text` occurs in `field`: a plain substring test (strpos / instr), cheaper than a
    LIKE pattern for a score computed on rows already found."""
    return GreaterThan(StrIndex(field, Value(text)), 0)


def _all_word_starts(words):
    """PostgreSQL: every word starts a word of `search_words` (AllWordStarts' condition),
    as SQL and its parameters."""
    tsquery = " || ' & ' || ".join(["quote_literal(btrim(%s)) || ':*'"] * len(words))
    return f"search_words @@ ({tsquery})::tsquery", list(words)


def _in_title(words):
    """PostgreSQL: every word occurs in search_title, as SQL and its parameters."""
    return " AND ".join(["strpos(search_title, %s) > 0"] * len(words)), list(words)


# The newest CANDIDATES matches (date index walk or the search_words index), scored, the
# `limit` best sent: ArticleSearch's QuerySets as one statement.
ARTICLE_SQL = """
SELECT score, title, slug, summary, published_at FROM (
    SELECT id, title, slug, summary, published_at,
        CASE WHEN strpos(search_title, %s) > 0 THEN 100
             WHEN {in_title} THEN 80
             WHEN strpos(search_text, %s) > 0 THEN 60
             ELSE 40 END AS score
    FROM congress_article
    WHERE status = %s AND published_at <= %s AND {matches}
    ORDER BY published_at DESC, id DESC
    LIMIT %s
) AS candidates
ORDER BY score DESC, published_at DESC, id DESC
LIMIT %s
"""

DOCUMENT_SQL = """
SELECT score, doc_type, number, summary, issued_on, slug FROM (
    SELECT id, doc_type, number, summary, issued_on, slug,
        CASE WHEN strpos(search_text, %s) > 0 THEN 70 ELSE 35 END AS score
    FROM congress_document
    WHERE is_public AND {matches}
    ORDER BY issued_on DESC, id DESC
    LIMIT %s
) AS candidates
ORDER BY score DESC, issued_on DESC, id DESC
LIMIT %s
"""


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


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
        words = query.word_prefixes()
        rows = (
            self.rows_postgresql(query, words, limit)
            if connection.vendor == "postgresql"
            else self.rows(query, words, limit)
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

    @staticmethod
    def rows(query, words, limit):
        """(score, title, slug, summary, published_at) of the best hits: the QuerySets."""
        order = ("-published_at", "-id")
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
        return list(
            _best(Article, candidates, score, order, limit).values_list(
                "score", "title", "slug", "summary", "published_at"
            )
        )

    @staticmethod
    def rows_postgresql(query, words, limit):
        """The same rows as `rows`, from ARTICLE_SQL."""
        in_title, title_params = _in_title(words)
        matches, match_params = _all_word_starts(words)
        sql = ARTICLE_SQL.format(in_title=in_title, matches=matches)
        params = [
            query.phrase,
            *title_params,
            query.phrase,
            ArticleStatus.PUBLISHED.value,
            timezone.now(),
            *match_params,
            CANDIDATES,
            limit,
        ]
        return _fetch(sql, params)


class DocumentSearch(search.Provider):
    kind = "document"
    label = _("Văn bản")

    def search(self, query, limit):
        # As for articles: the newest CANDIDATES matches, ranked by the database (a word
        # in every document, such as "phuong", costs a walk of 200 rows, not a sort of
        # the whole register).
        rows = (
            self.rows_postgresql(query, limit)
            if connection.vendor == "postgresql"
            else self.rows(query, limit)
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

    @staticmethod
    def rows(query, limit):
        """(score, doc_type, number, summary, issued_on, slug) of the best: the QuerySets."""
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
        return list(
            _best(Document, candidates, score, order, limit).values_list(
                "score", "doc_type", "number", "summary", "issued_on", "slug"
            )
        )

    @staticmethod
    def rows_postgresql(query, limit):
        """The same rows as `rows`, from DOCUMENT_SQL."""
        matches, match_params = _all_word_starts(query.word_prefixes())
        sql = DOCUMENT_SQL.format(matches=matches)
        return _fetch(sql, [query.phrase, *match_params, CANDIDATES, limit])


def register():
    search.register(ArticleSearch)
    search.register(DocumentSearch)
