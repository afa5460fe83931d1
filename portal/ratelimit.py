"""Cache-based rate limits per client IP (Redis in production), answering 429 + Retry-After.

While the cache is unreachable (portal.cache.FailOpenRedisCache: `available` is False) a
limit cannot count: the buckets in PORTAL_RATE_FAIL_CLOSED (tracking: it stops code + phone
guessing) answer 503 + Retry-After; every other limit lets the request through.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string


def parse_rate(rate):
    count, _sep, seconds = rate.partition("/")
    return int(count), int(seconds or 60)


def trusted_client_ip(request):
    """Return the client's address, trusting only the configured number of proxies.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the
    client is the entry TRUSTED_PROXY_COUNT places from the right; anything further left
    was written by the client and may be forged.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def client_ip(request):
    # One rule for the whole site (TRUSTED_PROXY_COUNT), shared with the log-in lockout.
    return trusted_client_ip(request) or "unknown"


def hit(bucket, request, who=None):
    """Count one request; return seconds to wait when over the limit, else 0.

    Requests are counted per client address, or per `who` (a phone number, say) when given.
    """
    limit, window = parse_rate(getattr(settings, f"PORTAL_RATE_{bucket.upper()}"))
    now = time.time()
    slot = int(now // window)
    # Hashed: cache keys (and Redis dumps) hold no personal data.
    ip = hashlib.sha256((who or client_ip(request)).encode()).hexdigest()[:32]
    key = f"portal:rl:{bucket}:{ip}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return max(1, int((slot + 1) * window - now))
    return 0


def too_many_requests(request, retry_after):
    body = render_to_string("429.html", {"retry_after": retry_after}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


# Seconds a client is asked to wait when a fail-closed limit cannot count.
UNAVAILABLE_RETRY_AFTER = 30


def limit_unavailable(request):
    retry_after = UNAVAILABLE_RETRY_AFTER
    body = render_to_string(
        "portal/limit_unavailable.html", {"retry_after": retry_after}, request=request
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(bucket, methods=("POST",)):
    """Limit the decorated view's `methods` per client IP with the PORTAL_RATE_<bucket> setting."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                wait = hit(bucket, request)
                if wait:
                    return too_many_requests(request, wait)
                if bucket in settings.PORTAL_RATE_FAIL_CLOSED and not getattr(
                    cache, "available", True
                ):
                    return limit_unavailable(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
