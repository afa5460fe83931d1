"""Fast, isolated test settings (MD5 hasher, locmem cache and mail, temporary media)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ["DEBUG"] = "0"
_tmp = tempfile.mkdtemp(prefix="anphong-test-")
_tmp_owner = os.getpid()


def _remove_tmp():
    # Only the process that made the folder: a forked child exiting must not pull the
    # media out from under its parent.
    if os.getpid() == _tmp_owner:
        shutil.rmtree(_tmp, ignore_errors=True)


atexit.register(_remove_tmp)
os.environ["MEDIA_ROOT"] = os.path.join(_tmp, "media")
os.environ["PRIVATE_MEDIA_ROOT"] = os.path.join(_tmp, "private")
os.environ.pop("REDIS_URL", None)

from anphong.settings.base import *  # noqa: E402,F403

# Demo content and benchmark data generators (`make run`, tests, benchmarks).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# The development gateway (payments), handing its notification over in the process: the
# browser tests' live server answers one request at a time. Settings, not environment
# variables: a subprocess a test starts with the production settings must not inherit them.
PAYMENT_GATEWAY = "dev"
PAYMENT_DEV_DELIVERY = "inprocess"

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests must not depend on collectstatic's manifest.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise wants STATIC_ROOT to exist; tests serve from the finders instead.
STATIC_ROOT = Path(_tmp) / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
