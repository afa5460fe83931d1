"""The main navigation: one list, shown item by item as the pages come to exist.

An item whose URL name does not resolve (its app has not shipped the page yet) is left
out rather than linked to a placeholder. An item is marked current when the page's view
belongs to its section (the item's own URL name or one of `section`), or when the path
lies under the item's URL.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MAIN_NAV = [
    ("portal:home", _("Trang chủ"), ()),
    ("portal:about", _("Giới thiệu"), ()),
    (
        "congress:article_list",
        _("Tin tức"),
        ("congress:article_detail", "congress:category", "congress:article_feed"),
    ),
    ("congress:document_list", _("Văn bản"), ("congress:document_detail",)),
    (
        "personnel:organisation",
        _("Tổ chức bộ máy"),
        (
            "personnel:organ_detail",
            "personnel:person_detail",
            "personnel:leadership",
            "personnel:directory",
            "congress:congress",
        ),
    ),
    ("procedures:procedure_list", _("Thủ tục hành chính"), ()),
    ("procedures:tracking", _("Tra cứu hồ sơ"), ()),
    ("feedback:list", _("Phản ánh, kiến nghị"), ()),
    ("disclosure:index", _("Công khai"), ()),
    ("procedures:statistics", _("Thống kê"), ()),
    ("portal:contact", _("Liên hệ"), ()),
]


def _reverse_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _is_root(url):
    return url.rstrip("/") in ("", "/en")


@lru_cache(maxsize=16)
def _urls(language, urlconf):
    """(name, label, url, section) of the items whose pages exist, for one language.

    URLs depend only on the language and the URLconf, so they are reversed once per
    process instead of nine times per page.
    """
    found = []
    for name, label, section in MAIN_NAV:
        url = _reverse_or_none(name)
        if url is not None:
            found.append((name, label, url, section))
    return tuple(found)


def main_nav(request):
    """Return the items whose pages exist, marking the one the request is in."""
    path = request.path if request is not None else ""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None
    items = []
    for name, label, url, section in _urls(get_language(), get_urlconf(settings.ROOT_URLCONF)):
        if _is_root(url):
            active = path == url
        else:
            active = view_name == name or view_name in section or path.startswith(url)
        items.append({"name": name, "label": label, "url": url, "active": active})
    return items


def active_item(items):
    """The URL name of the current item, or "" (part of the cached navigation's key)."""
    return next((item["name"] for item in items if item["active"]), "")


@lru_cache(maxsize=16)
def _search_url(language, urlconf):
    return _reverse_or_none("portal:search")


def search_url():
    return _search_url(get_language(), get_urlconf(settings.ROOT_URLCONF))
