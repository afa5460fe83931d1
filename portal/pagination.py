"""Django's Paginator with the COUNT kept in the page cache, and page-number parsing."""

import math

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property

from portal.pagecache import cached_value


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
