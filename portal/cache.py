"""A Redis cache that fails open: while Redis is unreachable every call behaves as a miss.

The page cache, the fragment caches ({% cache %}), the search and statistics caches only
save work, so an outage must cost speed, not pages. Connect and socket timeouts (set in
settings from REDIS_URL) bound one attempt to a fraction of a second; after a failure the
backend stops asking Redis for `RETRY_SECONDS`, so a page with many cached fragments
does not pay the timeout once per fragment. The outage is logged once when it starts and
once when it ends.

Callers that must not fail open (the rate limits that protect residents' data, see
`portal.ratelimit`) read `available` after their calls.

The backend is django-redis's, not Django's own: Django's RedisCache builds a new redis-py
client for every call (about 75 µs here, more than a GET to a local Redis takes), where
django-redis keeps one per server; a page makes 2 (page cache hit) to 10 (tracking page)
cache calls. django-redis re-raises redis-py's own errors when IGNORE_EXCEPTIONS is off
(its default), so the outage handling below sees them as before.
"""

import logging
import threading
import time

from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from portal.outage import Outage

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)


class CacheOutage(Outage):
    """One Redis server's outage (portal.outage.Outage), shared by the backend instances
    of every thread of the process (Django makes one per thread), with the moment to ask
    Redis again."""

    def __init__(self):
        super().__init__("Cache", logger, "serving uncached until it answers")
        self.retry_at = 0.0


_outages = {}
_outages_lock = threading.Lock()


def _outage_for(location):
    with _outages_lock:
        return _outages.setdefault(location, CacheOutage())


class FailOpenRedisCache(RedisCache):
    # Seconds without asking Redis after a failed call (OPTIONS["RETRY_SECONDS"]).
    retry_seconds = 5.0

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("RETRY_SECONDS", self.retry_seconds))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._outage = _outage_for(server)

    @property
    def available(self):
        """False while the last attempt to reach Redis failed."""
        return not self._outage.active

    def _call(self, method, miss, *args, **kwargs):
        outage = self._outage
        if outage.active and time.monotonic() < outage.retry_at:
            return miss()
        try:
            result = method(*args, **kwargs)
        except OUTAGE_ERRORS as exc:
            outage.retry_at = time.monotonic() + self.retry_seconds
            outage.started(exc)
            return miss()
        outage.ended()
        return result

    def add(self, *args, **kwargs):
        return self._call(super().add, lambda: False, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def set(self, *args, **kwargs):
        return self._call(super().set, lambda: None, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call(super().touch, lambda: False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call(super().delete, lambda: False, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call(super().get_many, dict, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call(super().has_key, lambda: False, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (cache unavailable).")

        return self._call(super().incr, missing, key, delta, version)

    def set_many(self, data, *args, **kwargs):
        return self._call(super().set_many, lambda: list(data), data, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call(super().delete_many, lambda: None, *args, **kwargs)

    def clear(self):
        return self._call(super().clear, lambda: False)
