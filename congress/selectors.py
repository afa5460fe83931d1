"""Read paths of the news section, each with a fixed, small number of queries.

Lists are read by keyset from cached anchors (portal.pagination.KeysetPaginator), never by
OFFSET over whole rows; counts are cached too, and go stale with the page cache version.
"""

from dataclasses import dataclass

from django.core.paginator import InvalidPage
from django.db.models import Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from congress.models import Article, ArticleImage, Category
from portal import pagination
from portal.pagecache import cached_value
from portal.pagination import KeysetPaginator, parse_page_number  # noqa: F401 - re-exported

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


def older_than(published_at, pk):
    """Filters for the articles after (published_at, pk) in newest-first order (keyset)."""
    return pagination.older_than("published_at", published_at, pk)


def _for_list(articles):
    return articles.for_list()


def article_page(*, number, per_page, category=None):
    """Return a Page of published articles, newest first (≤ 2 queries, often 1)."""
    base = Article.objects.published()
    if category is not None:
        base = base.filter(category=category)
    key = ("article-count", category.pk if category else 0)
    try:
        paginator = KeysetPaginator(
            base, per_page, anchor_key=key, field="published_at", prepare=_for_list
        )
        return paginator.page(number)
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
