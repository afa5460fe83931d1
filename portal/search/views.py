"""The site search page: /tim-kiem/?q=… over every registered provider."""

from django.core.paginator import InvalidPage
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.pagecache import cache_public_page
from portal.pagination import ResultsPaginator, parse_page_number
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
    # More pages than those read are offered while a provider holds more hits, up to
    # the deepest page.
    paginator = ResultsPaginator(
        hits, RESULTS_PER_PAGE, shown=number, more=truncated and limit < MAX_RESULTS_PER_KIND
    )
    try:
        page = paginator.page(number)
    except InvalidPage:
        raise Http404("No such page") from None
    shown = page.object_list
    if number > 1 and not shown:
        raise Http404("No such page")
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
