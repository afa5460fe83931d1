"""Whole-page cache for anonymous visitors that editors never have to think about.

- Only anonymous GET/HEAD requests without a session cookie are cached, so serving them
  needs no session or user query; staff (who carry a session cookie) always get a live
  page.
- Every key carries a version number that a save or delete of public content bumps (the
  models each app declares with `watch()`), so an edit shows at once (in every process
  when the cache is shared, i.e. Redis). Residents' dossiers, sessions and audit rows
  are not public content: they never flush the cache.
- The timeout is PAGE_CACHE_SECONDS (60 s) but never runs past the next scheduled
  publication: apps register a function returning that moment (`register_schedule`), so
  an article set to appear at 08:00 appears at 08:00 without a cron job.
"""

import contextlib
import contextvars
import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "pagecache:version"
SCHEDULE_KEY = "pagecache:next-change:{version}"
_schedules = []
# The version a page has read, while `one_version()` holds: a dict (not the number itself)
# so that code run in a copy of the context (sync_to_async) still shares it.
_page_version = contextvars.ContextVar("pagecache_page_version", default=None)


def register_schedule(func):
    """Register `func() -> datetime | None`: the next moment public content changes."""
    _schedules.append(func)
    return func


def version():
    held = _page_version.get()
    if held:
        return held["version"]
    value = cache.get(VERSION_KEY)
    if value is None:
        value = time.time_ns()
        cache.add(VERSION_KEY, value, None)
        value = cache.get(VERSION_KEY, value)
    if held is not None:
        held["version"] = value
    return value


@contextlib.contextmanager
def one_version():
    """Within this block `version()` reads the cache once and then repeats that answer.

    A page reads the version in several places (its own cache key, the layout's fragments,
    the search's sets, the ward's profile): one read instead of five cache round trips, and
    every part of the page agrees on one state of public content. A save inside the block
    (`bump_version`) moves the held version with it.
    """
    token = _page_version.set({})
    try:
        yield
    finally:
        _page_version.reset(token)


class OneVersionMiddleware:
    """Each request sees one version (`one_version()`), its template rendered included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_version():
            return self.get_response(request)


def bump_version(**kwargs):
    """Invalidate every cached page and cached count (called on a public model change)."""
    value = time.time_ns()
    cache.set(VERSION_KEY, value, None)
    held = _page_version.get()
    if held is not None:
        held["version"] = value


def versioned_key(*parts, current=None):
    """A cache key that goes stale together with the pages (counts, anchors…); pass
    `current` when the caller already read the version (one cache read less)."""
    raw = ":".join(str(p) for p in parts)
    digest = hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:{current or version()}:{digest}"


def cached_value(key_parts, compute, timeout=None):
    """Return a versioned cached value, computing it on a miss."""
    key = versioned_key(*key_parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout or max(settings.PAGE_CACHE_SECONDS, 60))
    return value


_held = {}
# How long a process keeps such a set without looking again even if the version did not
# change. With a cache shared by every process (Redis) a save shows at once; with
# per-process caches (locmem under several workers) a save bumps only its own process's
# version, and the others catch up within this time, as their cached pages do.
PER_PROCESS_SECONDS = 60


def per_process(name, load, *key):
    """`load()`'s result, kept in this process while public content is unchanged.

    For small sets that many requests read whole (the ward's profile; the people, organs
    and procedures the site search matches in Python): one cache read instead of
    queries. A save of public content bumps the version, so an edit shows at once, in
    every process when the cache is shared, and within PER_PROCESS_SECONDS otherwise;
    `key` adds what else the result depends on (today's date, say).
    """
    stamp = (version(), *key)
    now = time.time()
    held = _held.get(name)
    if held is None or held[0] != stamp or not 0 <= now - held[1] < PER_PROCESS_SECONDS:
        held = _held[name] = (stamp, now, load())
    return held[2]


def clear_process_state():
    """Forget every set `per_process()` holds in this process, so the next call loads.

    The version alone does not tell two states apart when time stands still (a test that
    stops the clock reads the same version as the one before it): the test suite calls
    this between tests. The schedules apps registered at start-up are kept.
    """
    _held.clear()


def _seconds_until_next_change(current_version):
    key = SCHEDULE_KEY.format(version=current_version)
    moment = cache.get(key)
    if moment is None:
        moments = [m for m in (f() for f in _schedules) if m is not None]
        moment = min(moments).timestamp() if moments else 0
        cache.set(key, moment, max(settings.PAGE_CACHE_SECONDS, 60))
    if not moment:
        return None
    return moment - timezone.now().timestamp()


def timeout_for(seconds, current_version=None):
    """`seconds`, cut short so that nothing cached outlives the next scheduled change."""
    until = _seconds_until_next_change(current_version or version())
    if until is not None:
        seconds = max(0, min(seconds, int(until)))
    return seconds


def is_cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.PAGE_CACHE_SECONDS > 0
    )


def cache_public_page(view):
    """Serve anonymous visitors from the cache; everyone else gets the live page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_cacheable_request(request):
            response = view(request, *args, **kwargs)
            response.setdefault("Cache-Control", "private, no-cache")
            return response
        current = version()
        key = (
            f"pagecache:{current}:page:{get_language()}:"
            + hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        )
        hit = cache.get(key)
        if hit is not None:
            response = hit
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies and not response.streaming:
            timeout = timeout_for(settings.PAGE_CACHE_SECONDS, current)
            if timeout > 0:
                patch_vary_headers(response, ["Cookie"])
                cache.set(key, response, timeout)
        response["X-Page-Cache"] = "miss"
        return response

    return wrapper


def watch(*models):
    """Bump the version whenever a row of one of `models` (public content) changes."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(bump_version, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"pagecache-del-{label}")
