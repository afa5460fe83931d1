"""The site search page: /tim-kiem/?q=… over every registered provider."""

import math

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.pagecache import cache_public_page
from portal.pagination import FastPage, parse_page_number
from portal.search import registry as search

RESULTS_PER_PAGE = 20
# Deepest page offered: each provider returns at most page × 20 hits (≤ 200), so
# ranking stays a small top-N sort whatever the number of matches.
MAX_RESULTS_PER_KIND = 200


@cache_public_page
def search_view(request):
    raw = request.GET.get("q", "")
    query = search.Query.parse(raw)
    error = ""
    if len(raw) > search.MAX_QUERY_LENGTH:
        error = _("Từ khóa quá dài: chỉ dùng %(n)d ký tự đầu.") % {"n": search.MAX_QUERY_LENGTH}
    number = parse_page_number(request.GET.get("page"))
    limit = min(MAX_RESULTS_PER_KIND, number * RESULTS_PER_PAGE)
    hits, truncated = search.run(query, limit=limit)
    start = (number - 1) * RESULTS_PER_PAGE
    shown = hits[start : start + RESULTS_PER_PAGE]
    if number > 1 and not shown:
        raise Http404("No such page")
    num_pages = max(1, math.ceil(len(hits) / RESULTS_PER_PAGE))
    if truncated and limit < MAX_RESULTS_PER_KIND:
        num_pages = max(num_pages, number + 1)
    page = FastPage(object_list=shown, number=number, num_pages=num_pages, count=len(hits))
    page.per_page = RESULTS_PER_PAGE
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "portal/search_results.html",
        {
            "query": query,
            "search_query": query.text,
            "page_obj": page,
            "hits": shown,
            "total": len(hits),
            "many": truncated,
            "error": error,
            "query_string": query_string.urlencode(),
        },
    )
