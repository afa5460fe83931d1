"""/tra-cuu-dia-chi-cu/: which unit of 1/7/2025 a former address now belongs to.

Anonymous read-only pages over data that changes only with a migration: both go through
the page cache (portal.pagecache), keyed by the full query string.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from addresses import selectors
from addresses.constants import RESOLUTION_TITLE, RESOLUTION_URL
from addresses.forms import NarrowForm, SearchForm
from portal.pagecache import cache_public_page
from portal.text import nfc

JSON_MAX_QUERY = 80


@require_GET
@cache_public_page
def lookup(request):
    narrow = NarrowForm(request.GET)
    search = SearchForm(request.GET)
    results, searched = [], False
    if narrow.unit_pk:
        unit = selectors.old_unit(narrow.unit_pk)
        results = [selectors.describe(unit)] if unit else []
    elif search.is_valid() and search.cleaned_data["q"]:
        searched = True
        results = [selectors.describe(u) for u in selectors.search(search.cleaned_data["q"])]
    return render(
        request,
        "addresses/lookup.html",
        {
            "narrow": narrow,
            "search": search,
            "results": results,
            "searched": searched,
            "coverage": selectors.coverage(),
            "resolution_title": RESOLUTION_TITLE,
            "resolution_url": RESOLUTION_URL,
        },
    )


@require_GET
@cache_public_page
def lookup_json(request):
    """?q=<name> (with or without diacritics) or ?xa=<id>: the former units and their new ones."""
    text = nfc(request.GET.get("q", ""))[:JSON_MAX_QUERY]
    unit_id = request.GET.get("xa", "")
    # ASCII digits only ("²".isdigit() is true) and short enough for an integer column.
    if unit_id.isascii() and unit_id.isdigit() and len(unit_id) <= 9:
        unit = selectors.old_unit(int(unit_id))
        units = [unit] if unit else []
    else:
        units = selectors.search(text) if text else []
    return JsonResponse(
        {
            "query": text,
            "resolution": str(RESOLUTION_TITLE),
            "resolution_url": RESOLUTION_URL,
            "results": [selectors.as_json(u) for u in units],
        },
        json_dumps_params={"ensure_ascii": False},
    )
