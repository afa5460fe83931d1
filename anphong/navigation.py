"""The main navigation: one list, shown item by item as the pages come to exist.

An item whose URL name does not resolve (its app has not shipped the page yet) is left
out rather than linked to a placeholder.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAV = [
    ("portal:home", _("Trang chủ")),
    ("portal:about", _("Giới thiệu")),
    ("congress:article_list", _("Tin tức")),
    ("congress:document_list", _("Văn bản")),
    ("congress:organisation", _("Tổ chức bộ máy")),
    ("portal:procedure_list", _("Thủ tục hành chính")),
    ("portal:tracking", _("Tra cứu hồ sơ")),
    ("portal:contact", _("Liên hệ")),
]


def _reverse_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def main_nav(request):
    """Return the items whose pages exist, marking the one the request is in."""
    current = request.path if request is not None else ""
    items = []
    for name, label in MAIN_NAV:
        url = _reverse_or_none(name)
        if url is None:
            continue
        active = current == url if url.rstrip("/") in ("", "/en") else current.startswith(url)
        items.append({"name": name, "label": label, "url": url, "active": active})
    return items


def search_url():
    return _reverse_or_none("search")
