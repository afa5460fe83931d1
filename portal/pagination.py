"""Django's Paginator with the COUNT kept in the page cache, keyset pages for long lists,
and page-number parsing.

Long lists never use OFFSET over whole rows: page N is found once through an index-only
deferred join, and the key (date, id) just before it and the one at its end are cached as
anchors, so later requests for that page and the next read their rows straight from the
index (keyset). Counts are cached too; every cached value goes stale with the page cache
version (any save of public content bumps it).
"""

import math

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property

from portal.pagecache import cached_value, version, versioned_key

ANCHOR_SECONDS = 60


class CachedCountPaginator(Paginator):
    """A Paginator whose COUNT is kept under the page-cache version (any save of public
    content renews it): a list page then costs one query for its rows.

    `count_key` names the filter combination, e.g. ("document-count", filters).
    """

    def __init__(self, object_list, per_page, *, count_key, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = tuple(count_key)

    @cached_property
    def count(self):
        return cached_value(self.count_key, self.object_list.count)


def older_than(field, value, pk):
    """Filters for the rows after (value, pk) in newest-first order of (field, id) (keyset).

    The redundant bound lets the index range start at `value` instead of the top.
    """
    after = Q(**{f"{field}__lt": value}) | Q(**{field: value, "pk__lt": pk})
    return after, Q(**{f"{field}__lte": value})


class KeysetPaginator(CachedCountPaginator):
    """Rows newest first by (`field`, id); a page is read by keyset from a cached anchor
    (the key of the last row of the page before), or once by a deferred join.

    `anchor_key` names the list and its filters (it keys the cached count too);
    `prepare(queryset)` adds what a row needs to be shown (select_related, only…).
    """

    def __init__(self, object_list, per_page, *, anchor_key, field, prepare=None):
        self.field = field
        self.order = (f"-{field}", "-id")
        super().__init__(object_list.order_by(*self.order), per_page, count_key=anchor_key)
        self.anchor_key = anchor_key
        self.prepare = prepare or (lambda rows: rows)

    def anchor_cache_key(self, number, current=None):
        return versioned_key("anchor", *self.anchor_key, self.per_page, number, current=current)

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
            rows = base.filter(*older_than(self.field, *anchor))
            before = None
        elif number > 1:
            # Deferred join: the OFFSET walks the narrow index only, not the rows; one
            # key more in front gives this page's anchor.
            offset = (number - 1) * self.per_page - 1
            keys = base.values("pk")[offset : offset + self.per_page + 1]
            rows = base.model._default_manager.filter(pk__in=keys).order_by(*self.order)
            before = True
        else:
            rows, before = base, None
        items = list(self.prepare(rows)[: self.per_page + (1 if before else 0)])
        if before and items:
            first = items.pop(0)
            cache.set(this_key, (getattr(first, self.field), first.pk), ANCHOR_SECONDS)
        if items and number < self.num_pages and next_key not in kept:
            last = items[-1]
            cache.set(next_key, (getattr(last, self.field), last.pk), ANCHOR_SECONDS)
        return Page(items, number, self)


class ResultsPaginator(Paginator):
    """A Paginator over the results fetched so far (a list). With `more=True` the
    sources hold more than were fetched, so a page after the `shown` one is offered even
    though its results have not been read yet."""

    def __init__(self, object_list, per_page, *, shown=1, more=False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.shown, self.more = shown, more

    @cached_property
    def num_pages(self):
        pages = max(1, math.ceil(self.count / self.per_page))
        return max(pages, self.shown + 1) if self.more else pages


def parse_page_number(raw):
    """The page number of `?page=` (1 when absent); 404 when it is not a positive integer."""
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        raise Http404("Bad page number") from None
    if number < 1:
        raise Http404("Bad page number")
    return number
