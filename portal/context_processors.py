"""Context shared by every page of the layout."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info, override

from portal.models import WardProfile
from portal.navigation import active_item, main_nav, search_url
from portal.pagecache import version
from portal.text import nfc


def site(request):
    nav_items = main_nav(request)
    return {
        # Lazy: pages that never show the ward's data (e.g. JSON) pay nothing.
        "ward": SimpleLazyObject(WardProfile.load),
        "nav_items": nav_items,
        "nav_active": active_item(nav_items),
        # base.html keeps its header and footer in the cache ({% cache 60 %}, like a page)
        # under this version: any change of public content (the ward's data included)
        # renews them at once.
        "page_version": SimpleLazyObject(version),
        "search_url": search_url(),
        # How long a cached card or row lives ({% cache fragment_seconds … %}): keyed by
        # its object's last change, it needs no page-cache version.
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "language_links": SimpleLazyObject(lambda: language_links(request)),
    }


def language_links(request):
    """The current page in each language: [{code, name, url, current}], for the switch.

    Names are each language's own ("Tiếng Việt", "English"), whatever the page's language.
    """
    current = get_language()
    path = request.get_full_path() if request is not None else "/"
    return [
        {
            "code": code,
            # Django's own "Tiếng Việt" is decomposed (NFD): the page is NFC throughout.
            "name": nfc(get_language_info(code)["name_local"]),
            "url": path if code == current else _translated(request, path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


def _translated(request, path, code):
    """translate_url(path, code), reusing the match the request was routed with (resolving
    the path a second time was most of the switch's cost)."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return translate_url(path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(code):
        try:
            url = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    query = path.partition("?")[2]
    return f"{url}?{query}" if query else url
