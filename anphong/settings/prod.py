"""Production: HTTPS only, secure cookies, HSTS; secrets and hosts from the environment."""

from django.core.exceptions import ImproperlyConfigured

from anphong.settings.base import *  # noqa: F403
from anphong.settings.base import PAYMENT_GATEWAY, REDIS_URL
from anphong.settings.env import env_bool, env_int

# Rate limits and the page cache's version must be shared by
# every worker: an in-process cache would give each worker its own limit.
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL is required in production: rate limits and the page cache must be shared "
        "by every worker (an in-process cache multiplies each limit by the number of "
        "workers). Set REDIS_URL=redis://127.0.0.1:6379/0."
    )

# The development gateway takes no money and signs with a secret everyone can read
# (PAYMENT_DEV_SECRET's default): in production anyone could forge a "paid" notification.
if PAYMENT_GATEWAY == "dev":
    raise ImproperlyConfigured(
        "PAYMENT_GATEWAY=dev is the development gateway (no money, a public signing "
        "secret) and is refused in production: use PAYMENT_GATEWAY=vnpay or leave it empty."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
