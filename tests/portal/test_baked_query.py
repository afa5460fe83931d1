"""portal.db.BakedQuery: SQL compiled once, the same rows as the ORM on both databases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congress.models import Article
from portal.db import BakedQuery
from tests.congress.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def _public_by_slug():
    return BakedQuery(
        Article,
        lambda slug, now: (
            Article.objects.published(now=now)
            .filter(slug=slug)
            .annotate(category_name=F("category__name"))
            .order_by()
        ),
        slug="slug",
        now="published_at",
    )


def test_same_rows_as_the_orm_with_new_values_each_call():
    """Slug and time are substituted on every call (a date-time is adapted per database:
    a string on SQLite, a timestamp on PostgreSQL); the constant (status) stays."""
    now = timezone.now()
    category = CategoryFactory(name="Tin Đại hội")
    old = ArticleFactory(category=category, published_at=now - timedelta(days=2))
    soon = ArticleFactory(category=category, published_at=now + timedelta(hours=1))
    draft = ArticleFactory(category=category, draft=True)
    query = _public_by_slug()

    found = query(slug=old.slug, now=now)
    assert [a.pk for a in found] == [old.pk]
    assert found[0].title == old.title and found[0].category_name == "Tin Đại hội"
    assert found[0].published_at == old.published_at
    assert query(slug=soon.slug, now=now) == []  # scheduled: not yet
    assert [a.pk for a in query(slug=soon.slug, now=now + timedelta(hours=2))] == [soon.pk]
    assert query(slug=draft.slug, now=now + timedelta(days=9)) == []  # status kept
    for slug, moment in [(old.slug, now), (soon.slug, now), (draft.slug, now)]:
        orm = list(Article.objects.published(now=moment).filter(slug=slug))
        assert [a.pk for a in query(slug=slug, now=moment)] == [a.pk for a in orm]


def test_compiles_once_and_runs_one_query():
    article = ArticleFactory()
    query = _public_by_slug()
    query(slug=article.slug, now=timezone.now())
    assert connection.alias in query._compiled
    with CaptureQueriesContext(connection) as ctx:
        assert len(query(slug=article.slug, now=timezone.now())) == 1
    assert len(ctx.captured_queries) == 1


def test_select_related_is_refused():
    query = BakedQuery(
        Article,
        lambda slug: Article.objects.select_related("category").filter(slug=slug),
        slug="slug",
    )
    with pytest.raises(ValueError, match="annotate"):
        query(slug="x")


def test_a_value_that_never_reaches_the_sql_is_refused():
    query = BakedQuery(Article, lambda slug: Article.objects.filter(slug="fixed"), slug="slug")
    with pytest.raises(ValueError, match="parameter"):
        query(slug="x")


def _titles_containing():
    return BakedQuery(
        Article,
        lambda word, now: (
            Article.objects.published(now=now)
            .filter(title__contains=word)
            .order_by("-published_at", "-id")
            .values_list("title", "published_at", "id")
        ),
        word="title",
        now="published_at",
    )


def test_values_list_gives_tuples_converted_as_the_orm_does():
    """A date-time comes back aware on both databases (a string on SQLite until the
    field's converter parses it), exactly as values_list() gives it."""
    now = timezone.now()
    ArticleFactory(title="Đại hội Đảng bộ phường", published_at=now - timedelta(days=1))
    ArticleFactory(title="Hội nghị cán bộ", published_at=now - timedelta(days=2))
    query = _titles_containing()
    rows = query(word="Đại hội", now=now)
    orm = list(
        Article.objects.published(now=now)
        .filter(title__contains="Đại hội")
        .order_by("-published_at", "-id")
        .values_list("title", "published_at", "id")
    )
    assert rows == orm and len(rows) == 1
    assert rows[0][1].tzinfo is not None


def test_a_value_inside_a_like_pattern_is_escaped_as_the_lookup_escapes_it():
    """`title__contains=word` sends "%word%": the real word replaces the marker, with
    LIKE's wildcards escaped, so "5_%" matches only those characters."""
    now = timezone.now()
    ArticleFactory(title="Giảm 5_% hộ nghèo", published_at=now - timedelta(days=1))
    ArticleFactory(title="Giảm 50% hộ nghèo", published_at=now - timedelta(days=1))
    ArticleFactory(title="Giảm 5 ha đất", published_at=now - timedelta(days=1))
    query = _titles_containing()
    assert [row[0] for row in query(word="5_%", now=now)] == ["Giảm 5_% hộ nghèo"]
    assert {row[0] for row in query(word="5", now=now)} == {
        "Giảm 5_% hộ nghèo",
        "Giảm 50% hộ nghèo",
        "Giảm 5 ha đất",
    }
    assert query(word="hộ nghèo x", now=now) == []


def test_statement_can_be_embedded_in_a_larger_one():
    """statement() + fetch(): the search wraps its candidates to rank and limit them."""
    now = timezone.now()
    made = [
        ArticleFactory(title=f"Tin số {days}", published_at=now - timedelta(days=days))
        for days in range(1, 5)
    ]
    query = _titles_containing()
    assert [row[2] for row in query(word="Tin", now=now)] == [a.pk for a in made]  # newest first
    sql, params = query.statement(word="Tin", now=now)
    wrapped = f"SELECT * FROM ({sql}) found ORDER BY 3 DESC LIMIT %s"  # noqa: S608
    rows = query.fetch(wrapped, [*params, 2])
    assert [row[2] for row in rows] == sorted((a.pk for a in made), reverse=True)[:2]
    assert all(row[1].tzinfo is not None for row in rows)
