"""Read paths of the news section, each with a fixed, small number of queries.

Lists never use OFFSET over whole rows: page N is found once through an index-only
deferred join, and the key (published_at, id) just before it and the one at its end are
cached as anchors, so later requests for that page and the next read 20 rows straight
from the index (keyset). Counts are cached too; every cached value goes stale with the
page cache version (any save bumps it).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import InvalidPage, Page
from django.db.models import Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from congress.models import Article, ArticleImage, Category
from portal.pagecache import cached_value, version, versioned_key
from portal.pagination import CachedCountPaginator, parse_page_number  # noqa: F401 - re-exported

ORDER = ("-published_at", "-id")
ANCHOR_SECONDS = 60


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


def older_than(published_at, pk):
    """Filters for the articles after (published_at, pk) in newest-first order (keyset).

    The redundant bound lets the index range start at `published_at` instead of the top.
    """
    after = Q(published_at__lt=published_at) | Q(published_at=published_at, pk__lt=pk)
    return after, Q(published_at__lte=published_at)


class ArticlePaginator(CachedCountPaginator):
    """Published articles, newest first; a page is read by keyset from a cached anchor
    (the key of the last article of the page before), or once by a deferred join."""

    def __init__(self, articles, per_page, *, anchor_key):
        super().__init__(articles.order_by(*ORDER), per_page, count_key=anchor_key)
        self.anchor_key = anchor_key

    def anchor_cache_key(self, number, current=None):
        return versioned_key(
            "article-anchor", *self.anchor_key, self.per_page, number, current=current
        )

    def page(self, number):
        number = self.validate_number(number)
        base = self.object_list
        # One cache read for both anchors (this page's start, the next page's), under
        # one read of the version; an anchor already kept is not written again.
        current = version()
        this_key = self.anchor_cache_key(number, current) if number > 1 else None
        next_key = self.anchor_cache_key(number + 1, current)
        kept = cache.get_many([key for key in (this_key, next_key) if key])
        anchor = kept.get(this_key) if this_key else None
        if anchor is not None:
            rows = base.filter(*older_than(*anchor))
            before = None
        elif number > 1:
            # Deferred join: the OFFSET walks the narrow index only, not the rows; one
            # key more in front gives this page's anchor.
            offset = (number - 1) * self.per_page - 1
            keys = base.values("pk")[offset : offset + self.per_page + 1]
            rows = Article.objects.filter(pk__in=keys).order_by(*ORDER)
            before = True
        else:
            rows, before = base, None
        items = list(rows.for_list()[: self.per_page + (1 if before else 0)])
        if before and items:
            first = items.pop(0)
            cache.set(this_key, (first.published_at, first.pk), ANCHOR_SECONDS)
        if items and number < self.num_pages and next_key not in kept:
            last = items[-1]
            cache.set(next_key, (last.published_at, last.pk), ANCHOR_SECONDS)
        return Page(items, number, self)


def article_page(*, number, per_page, category=None):
    """Return a Page of published articles, newest first (≤ 2 queries, often 1)."""
    base = Article.objects.published()
    if category is not None:
        base = base.filter(category=category)
    key = ("article-count", category.pk if category else 0)
    try:
        return ArticlePaginator(base, per_page, anchor_key=key).page(number)
    except InvalidPage:
        raise Http404("No such page") from None


def article_for_display(slug, *, preview=False):
    """The article with its category (1 query) and its gallery (1 query); 404 if not
    public (staff may preview drafts and scheduled articles)."""
    articles = Article.objects.all() if preview else Article.objects.published()
    gallery = Prefetch(
        "images", queryset=ArticleImage.objects.order_by("order", "id"), to_attr="gallery"
    )
    article = (
        articles.select_related("category").prefetch_related(gallery).filter(slug=slug).first()
    )
    if article is None:
        raise Http404("No such article")
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
    older = published.filter(*older_than(at, pk)).order_by(*ORDER).values("pk")[:1]
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
