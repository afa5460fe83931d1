"""Context shared by every page of the layout."""

from django.utils.functional import SimpleLazyObject

from .navigation import main_nav, search_url


def site(request):
    from portal.models import WardProfile

    return {
        # Lazy: pages that never show the ward's data (e.g. JSON) pay nothing.
        "ward": SimpleLazyObject(WardProfile.load),
        "nav_items": main_nav(request),
        "search_url": search_url(),
    }
