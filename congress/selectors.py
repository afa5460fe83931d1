"""Read paths of the news section, each with a fixed, small number of queries.

Lists never use OFFSET over whole rows: page N is found once through an index-only
deferred join, its first key (published_at, id) is cached as an anchor, and later
requests read 20 rows straight from the index (keyset). Counts are cached too; every
cached value goes stale with the page cache version (any save bumps it).
"""

import math
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, Q, Subquery
from django.http import Http404
from django.utils import timezone

from congress.models import Article, ArticleImage, Category
from portal.db import BakedQuery, attach_related
from portal.pagecache import cached_value, versioned_key
from portal.pagination import FastPage, parse_page_number  # noqa: F401 - re-exported

ORDER = ("-published_at", "-id")


def next_scheduled_publication():
    """The moment the next scheduled article appears (for the page cache timeout)."""
    return (
        Article.objects.scheduled()
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def categories():
    """All categories, in order (cached: one query per version)."""
    return cached_value(("categories",), lambda: list(Category.objects.all()))


def category_by_slug(slug):
    for category in categories():
        if category.slug == slug:
            return category
    raise Http404("No such category")


def article_page(*, number, per_page, category=None):
    """Return a FastPage of published articles, newest first (≤ 2 queries, often 1)."""
    base = Article.objects.published()
    cat_id = category.pk if category else 0
    if category is not None:
        base = base.filter(category=category)
    count = cached_value(("article-count", cat_id), base.count)
    num_pages = max(1, math.ceil(count / per_page))
    if number > num_pages:
        raise Http404("No such page")
    anchor_key = versioned_key("article-anchor", cat_id, per_page, number)
    anchor = cache.get(anchor_key) if number > 1 else None
    if anchor is not None:
        published_at, pk = anchor
        rows = base.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lte=pk),
            published_at__lte=published_at,
        )
    elif number > 1:
        offset = (number - 1) * per_page
        # Deferred join: the OFFSET walks the narrow index only, not the rows.
        keys = base.order_by(*ORDER).values("pk")[offset : offset + per_page]
        rows = Article.objects.filter(pk__in=keys)
    else:
        rows = base
    items = list(rows.for_list().order_by(*ORDER)[:per_page])
    if number > 1 and items and anchor is None:
        cache.set(anchor_key, (items[0].published_at, items[0].pk), 60)
    page = FastPage(object_list=items, number=number, num_pages=num_pages, count=count)
    page.per_page = per_page
    return page


# The two reads of every article page, compiled once (portal.db.BakedQuery): building
# their SQL cost more than PostgreSQL took to answer them.
_public_article = BakedQuery(
    Article,
    lambda slug, now: (
        Article.objects.published(now=now)
        .filter(slug=slug)
        .annotate(category_name=F("category__name"), category_slug=F("category__slug"))
        .order_by()
    ),
    slug="slug",
    now="published_at",
)
_gallery = BakedQuery(
    ArticleImage,
    lambda article: ArticleImage.objects.filter(article_id=article).order_by("order", "id"),
    article="article",
)


def article_for_display(slug, *, preview=False):
    """The article with its category (1 query) and its gallery (1 query); 404 if not
    public (staff may preview drafts and scheduled articles)."""
    if preview:
        article = Article.objects.select_related("category").filter(slug=slug).first()
    else:
        found = _public_article(slug=slug, now=timezone.now())
        article = found[0] if found else None
        if article is not None:
            attach_related(article, "category", name="category_name", slug="category_slug")
    if article is None:
        raise Http404("No such article")
    article.gallery = _gallery(article=article.pk)
    return article


@dataclass
class Neighbours:
    older: Article | None
    newer: Article | None
    related: list


def neighbours(article, *, related_count=4):
    """Previous, next and related articles in one query.

    Each neighbour is a scalar sub-select (`id = (SELECT … LIMIT 1 OFFSET k)`): the
    database runs each once and fetches the rows by primary key. (`id IN (…) OR id IN
    (…)` made PostgreSQL scan the whole table: 150 ms at 100 000 articles.)
    """
    published = Article.objects.published()
    at, pk = article.published_at, article.pk
    older = (
        # The redundant bound lets the index range start at `at` instead of the top.
        published.filter(
            Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk), published_at__lte=at
        )
        .order_by(*ORDER)
        .values("pk")[:1]
    )
    newer = (
        published.filter(
            Q(published_at__gt=at) | Q(published_at=at, pk__gt=pk), published_at__gte=at
        )
        .order_by("published_at", "id")
        .values("pk")[:1]
    )
    related = published.filter(category_id=article.category_id).exclude(pk=pk).order_by(*ORDER)
    wanted = [older, newer] + [related.values("pk")[k : k + 1] for k in range(related_count)]
    condition = Q()
    for subquery in wanted:
        condition |= Q(pk=Subquery(subquery))
    rows = list(Article.objects.filter(condition).for_list().order_by(*ORDER))

    def key(a):
        return (a.published_at, a.pk)

    here = (at, pk)
    below = [a for a in rows if key(a) < here]
    above = [a for a in rows if key(a) > here]
    return Neighbours(
        older=max(below, key=key) if below else None,
        newer=min(above, key=key) if above else None,
        related=[a for a in rows if a.category_id == article.category_id and a.pk != pk][
            :related_count
        ],
    )


def cached_neighbours(article):
    """neighbours(), kept with the page cache version (any save refreshes it)."""
    return cached_value(
        ("neighbours", article.pk, article.published_at), lambda: neighbours(article)
    )


def latest_articles(limit=6):
    return cached_value(
        ("latest", limit),
        lambda: list(Article.objects.published().for_list().order_by(*ORDER)[:limit]),
    )


def featured_articles(limit=3):
    return cached_value(
        ("featured", limit),
        lambda: list(
            Article.objects.published().filter(is_featured=True).for_list().order_by(*ORDER)[:limit]
        ),
    )


def now():
    return timezone.now()
