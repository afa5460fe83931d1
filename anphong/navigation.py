"""The main navigation: one list, shown item by item as the pages come to exist.

An item whose URL name does not resolve (its app has not shipped the page yet) is left
out rather than linked to a placeholder. An item is marked current when the page's view
belongs to its section (the item's own URL name or one of `section`), or when the path
lies under the item's URL.
"""

from django.urls import NoReverseMatch, reverse
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
        "congress:organisation",
        _("Tổ chức bộ máy"),
        (
            "congress:organ_detail",
            "congress:person_detail",
            "congress:leadership",
            "congress:directory",
            "congress:congress",
        ),
    ),
    ("portal:procedure_list", _("Thủ tục hành chính"), ()),
    ("portal:tracking", _("Tra cứu hồ sơ"), ()),
    ("portal:statistics", _("Thống kê"), ()),
    ("portal:contact", _("Liên hệ"), ()),
]


def _reverse_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _is_root(url):
    return url.rstrip("/") in ("", "/en")


def main_nav(request):
    """Return the items whose pages exist, marking the one the request is in."""
    path = request.path if request is not None else ""
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None
    items = []
    for name, label, section in MAIN_NAV:
        url = _reverse_or_none(name)
        if url is None:
            continue
        if _is_root(url):
            active = path == url
        else:
            active = view_name == name or view_name in section or path.startswith(url)
        items.append({"name": name, "label": label, "url": url, "active": active})
    return items


def search_url():
    return _reverse_or_none("search")
