"""Context shared by every page of the layout."""

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from .navigation import main_nav, search_url
from .text import nfc


def site(request):
    from portal.models import WardProfile

    return {
        # Lazy: pages that never show the ward's data (e.g. JSON) pay nothing.
        "ward": SimpleLazyObject(WardProfile.load),
        "nav_items": main_nav(request),
        "search_url": search_url(),
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
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
