"""Fast URLs for list pages that draw dozens of links and pictures.

`reverse()` and `storage.url()` cost tens of microseconds each; a list of twenty cards
calls them about seventy times. Both are deterministic: reverse once per URL name and
language with a placeholder, then substitute; media names we generate are URL-safe.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import get_language

_PLACEHOLDER = "zzslugzz"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9/_.-]+$")


@lru_cache(maxsize=64)
def _pattern(name, language):
    return reverse(name, kwargs={"slug": _PLACEHOLDER})


def slug_url(name, slug):
    """reverse(name, kwargs={"slug": slug}) for a slug field value (already URL-safe)."""
    return _pattern(name, get_language()).replace(_PLACEHOLDER, slug)


def media_url(name):
    """default_storage.url(name), without the quoting work for our generated names."""
    if _SAFE_NAME.match(name) and settings.STORAGES["default"]["BACKEND"].endswith(
        "FileSystemStorage"
    ):
        return settings.MEDIA_URL + name
    return default_storage.url(name)
