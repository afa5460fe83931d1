"""Benchmark settings: production-like (DEBUG off, persistent connections) over HTTP.

Used only by bench/run.py; adds the trivial view of bench/urls.py that every scenario
is compared with (same middleware, no template, no query).
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ["DEBUG"] = "0"

from anphong.settings.base import *  # noqa: E402,F403

# Demo content and benchmark data generators (`make run`, tests, benchmarks).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
# No collectstatic step in a benchmark run: hashed names are not needed.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
