"""Query budgets: constant in page size and image count, no session or user query.

The page cache is switched off here (PAGE_CACHE_SECONDS=0) to measure what a cache miss
costs; the ward profile is warmed first because base.html reads it from its own cache.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from portal.models import WardProfile
from tests.congress.factories import (
    ArticleFactory,
    ArticleImageFactory,
    CategoryFactory,
    DocumentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def warm(ward):
    WardProfile.load()


def _budget(client, url, n, django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()
    WardProfile.load()
    with django_assert_max_num_queries(n) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "django_session" not in sql and "auth_user" not in sql
    return len(ctx.captured_queries)


@override_settings(PAGE_CACHE_SECONDS=0, NEWS_PAGE_SIZE=5)
def test_list_budget_is_constant_in_page_size(client, warm, django_assert_max_num_queries):
    """List ≤ 3 (categories, cached count, rows with their category) for 5 or 20 rows."""
    category = CategoryFactory()
    for _ in range(25):
        ArticleFactory(category=category, with_cover=True)
    small = _budget(client, reverse("congress:article_list"), 3, django_assert_max_num_queries)
    with override_settings(NEWS_PAGE_SIZE=20):
        large = _budget(client, reverse("congress:article_list"), 3, django_assert_max_num_queries)
    assert small == large


@override_settings(PAGE_CACHE_SECONDS=0, NEWS_PAGE_SIZE=5)
def test_deep_list_page_budget(client, warm, django_assert_max_num_queries):
    """A deep page (deferred join, then cached keyset anchor) costs no more than page 1."""
    for _ in range(30):
        ArticleFactory()
    url = reverse("congress:article_list") + "?page=5"
    _budget(client, url, 3, django_assert_max_num_queries)


@override_settings(PAGE_CACHE_SECONDS=0)
def test_category_page_budget(client, warm, django_assert_max_num_queries):
    """Category page ≤ 3: the category comes from the cached list of categories."""
    article = ArticleFactory()
    ArticleFactory(category=article.category)
    _budget(client, article.category.get_absolute_url(), 3, django_assert_max_num_queries)


@override_settings(PAGE_CACHE_SECONDS=0)
def test_article_budget_is_constant_in_image_count(client, warm, django_assert_max_num_queries):
    """Article ≤ 3: the article with its category, the gallery, prev/next/related at once."""
    one = ArticleFactory()
    ArticleImageFactory(article=one)
    many = ArticleFactory(category=one.category)
    for _ in range(6):
        ArticleImageFactory(article=many)
    for _ in range(5):
        ArticleFactory(category=one.category)
    a = _budget(client, one.get_absolute_url(), 3, django_assert_max_num_queries)
    b = _budget(client, many.get_absolute_url(), 3, django_assert_max_num_queries)
    assert a == b


def test_cached_pages_need_no_query(client, warm, django_assert_num_queries):
    """From the cache, a page costs zero queries (no session, no user, no content)."""
    article = ArticleFactory()
    for url in ["/", reverse("congress:article_list"), article.get_absolute_url()]:
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url)["X-Page-Cache"] == "hit"


@override_settings(PAGE_CACHE_SECONDS=0)
def test_documents_list_budget(client, warm, django_assert_max_num_queries):
    """Documents ≤ 3: issuing bodies for the filter, cached count, rows with their body."""
    for _ in range(8):
        DocumentFactory()
    _budget(client, reverse("congress:document_list"), 3, django_assert_max_num_queries)


@override_settings(PAGE_CACHE_SECONDS=0)
def test_search_budget(client, warm, django_assert_max_num_queries):
    """Search with nothing cached: one query for articles (the ranked candidates with
    what a hit shows), one for documents, one each to read the procedures, the organs
    and the people with their posts (two), and the next scheduled publication (how long
    the results may be cached), whatever the hit count."""
    for _ in range(12):
        ArticleFactory(title="Đại hội chi bộ")
    _budget(client, reverse("portal:search") + "?q=dai+hoi", 7, django_assert_max_num_queries)
