"""The site search page: /tim-kiem/?q=… over every registered provider."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import search
from .pagecache import cache_public_page

RESULTS_PER_PAGE = 20
# Each provider returns at most this many hits: ranking stays a bounded top-N sort.
MAX_RESULTS_PER_KIND = 200


@cache_public_page
def search_view(request):
    raw = request.GET.get("q", "")
    query = search.Query.parse(raw)
    error = ""
    if len(raw) > search.MAX_QUERY_LENGTH:
        error = _("Từ khóa quá dài: chỉ dùng %(n)d ký tự đầu.") % {"n": search.MAX_QUERY_LENGTH}
    hits, truncated = search.run(query, limit=MAX_RESULTS_PER_KIND)
    page = None
    if hits:
        try:
            page = Paginator(hits, RESULTS_PER_PAGE).page(request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404("No such page") from None
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "search_query": query.text,
            "page_obj": page,
            "hits": page.object_list if page else [],
            "total": len(hits),
            "truncated": truncated,
            "error": error,
            "query_string": query_string.urlencode(),
            "max_per_kind": MAX_RESULTS_PER_KIND,
            "debug": settings.DEBUG,
        },
    )
