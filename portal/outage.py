"""A dependency this process cannot reach (the database, the cache), logged twice.

One warning when the outage starts, naming the first error, and one line when it ends,
with its length: not a traceback per failed request (57 339 lines in a 15 s outage,
issue 15). The state is one flag per dependency and process, shared by the threads of a
worker and changed under a lock; each worker process logs its own outage. Readers may
look at `active` without the lock: a stale read only makes a caller take the locked path
once more, or skip it once.
"""

import threading
import time


class Outage:
    def __init__(self, name, logger, consequence):
        self.name = name  # "Database", "Cache"
        self.logger = logger
        self.consequence = consequence  # what the site does meanwhile, for the log line
        self._lock = threading.Lock()
        self.since = None  # time.monotonic() of the first failure, None when reachable
        self.error = ""

    @property
    def active(self):
        return self.since is not None

    def started(self, exc=None):
        """Record a failure to reach the dependency; log it if it starts an outage."""
        if self.since is not None:
            return
        with self._lock:
            if self.since is not None:
                return
            self.since = time.monotonic()
            self.error = error = one_line(exc)
        self.logger.warning("%s unavailable (%s): %s", self.name, error, self.consequence)

    def ended(self):
        """Record a success; log the end of the outage if one was under way."""
        if self.since is None:
            return
        with self._lock:
            if self.since is None:
                return
            seconds = time.monotonic() - self.since
            self.since = None
            error = self.error
        self.logger.warning(
            "%s available again after %.1f s (outage: %s)", self.name, seconds, error
        )

    def reset(self):
        """Forget the outage without logging (the test suite, between tests)."""
        with self._lock:
            self.since = None
            self.error = ""


def one_line(exc):
    """`Class: message` of `exc` on one line, at most 300 characters of message."""
    if exc is None:
        return "unknown error"
    text = " ".join(str(exc).split())[:300]
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__
