"""anphong.db.BakedQuery: SQL compiled once, the same rows as the ORM on both databases."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anphong.db import BakedQuery
from congress.models import Article
from tests.news.factories import ArticleFactory, CategoryFactory

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
