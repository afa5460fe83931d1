"""Settings of the development OpenID Connect provider: its own project, never the portal's.

Every value the provider reads from the environment has the OIDC_PROVIDER_ prefix, so the
portal's variables (DATABASE_URL, SECRET_KEY, DEBUG, ...) never leak into it:

- OIDC_PROVIDER_DB: SQLite database file (default var/oidc-provider.sqlite3);
- OIDC_PROVIDER_KEY: RSA private key, PEM (default var/oidc-provider-key.pem), written by
  `setup_provider` when missing;
- OIDC_PROVIDER_SECRET_KEY: Django's SECRET_KEY (a development default);
- OIDC_PROVIDER_ISSUER: the issuer, e.g. http://127.0.0.1:8001/o (default: from the
  request's host, which is what the discovery document then advertises).
"""

import os
from pathlib import Path

PROVIDER_DIR = Path(__file__).resolve().parent
REPO_ROOT = PROVIDER_DIR.parent.parent

DATABASE_PATH = Path(os.environ.get("OIDC_PROVIDER_DB") or REPO_ROOT / "var/oidc-provider.sqlite3")
KEY_PATH = Path(os.environ.get("OIDC_PROVIDER_KEY") or REPO_ROOT / "var/oidc-provider-key.pem")

# A development tool that serves fictional citizens with a published password.
SECRET_KEY = os.environ.get("OIDC_PROVIDER_SECRET_KEY") or "dev-only-oidc-provider-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    # First, so its templates replace django-oauth-toolkit's (banner, Vietnamese texts).
    "tools.oidc_provider.citizens",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tools.oidc_provider.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATABASE_PATH,
        # The test fixture re-runs setup_provider while the server answers.
        "OPTIONS": {"timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cookies are not told apart by port: the portal on 127.0.0.1:8000 and the provider on
# 127.0.0.1:8001 share a cookie jar in the browser, so the provider's cookies have their
# own names and never overwrite the portal's session or CSRF cookie.
SESSION_COOKIE_NAME = "oidc_provider_sessionid"
CSRF_COOKIE_NAME = "oidc_provider_csrftoken"
LANGUAGE_COOKIE_NAME = "oidc_provider_language"

# Demo accounts with a published password, and client secrets the tests choose: a fast
# hasher keeps each log-in and token request quick. Never a production setting.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "index"
LOGOUT_REDIRECT_URL = "index"

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True


def _read_key(path):
    """The PEM text, or "" before `setup_provider` made it (a system check then says so)."""
    try:
        return path.read_text(encoding="ascii")
    except FileNotFoundError:
        return ""


OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _read_key(KEY_PATH),
    "OIDC_ISS_ENDPOINT": os.environ.get("OIDC_PROVIDER_ISSUER", ""),
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    # With an id_token_hint of the signed-in user, log out and return at once (no prompt).
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "PKCE_REQUIRED": True,
    # RFC 9700 (OAuth 2.0 security best practice): S256 only (no "plain"), no implicit or
    # password grant, access tokens only in the Authorization header, tokens stored hashed.
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "SCOPES": {
        "openid": "Đăng nhập bằng định danh điện tử",
        "profile": "Họ và tên, ngày sinh",
        "email": "Địa chỉ thư điện tử",
        "phone": "Số điện thoại di động",
        "citizen": "Số định danh cá nhân (số căn cước)",
    },
    "DEFAULT_SCOPES": ["openid"],
    "OAUTH2_VALIDATOR_CLASS": "tools.oidc_provider.citizens.oauth2_validator.CitizenValidator",
    # http for the portal on 127.0.0.1 / testserver: a development provider.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["http", "https"],
    # The client is registered for the authorization code flow only.
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    "ID_TOKEN_EXPIRE_SECONDS": 3600,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"oauth2_provider": {"handlers": ["console"], "level": "INFO"}},
}
