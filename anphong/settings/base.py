"""Settings shared by every environment, read from typed environment variables.

Secrets and hosts never live in git: see `.env.example` for every variable.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from bootstrap_wrapper import get_bootstrap_dir
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from anphong.settings.env import env_bool, env_int, env_list, env_str, origin_of

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "portal",
    "congress",
    "personnel",
    "procedures",
    "staff",
    "notifications",
    # Before feedback: the roles (staff.roles) are synced after each role app's migrate,
    # and the last one must find the payments permissions already created.
    "payments",
    "feedback",
    "accounts",
    "results",
    "appointments",
    "reception",
    "disclosure",
    "addresses",
]

MIDDLEWARE = [
    # The path's language before any middleware can answer (a 400, a 503): the thread's
    # language is otherwise the previous request's.
    "anphong.middleware.PathLanguageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Control characters and unreadable bodies: 400 before anything reads them.
    "anphong.middleware.InputGuardMiddleware",
    "anphong.middleware.DatabaseUnavailableMiddleware",
    # A query a frozen PostgreSQL never answers loses its socket: a 503, not a held worker.
    "anphong.db_watchdog.QueryWatchdogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # One read of the page-cache version per request, however many parts of a page ask.
    "portal.pagecache.OneVersionMiddleware",
]

ROOT_URLCONF = "anphong.urls"
WSGI_APPLICATION = "anphong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "accounts.context_processors.account",
            ],
        },
    },
]

# Database: SQLite under var/ by default (nothing to install); PostgreSQL in production.
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
_db = dj_database_url.parse(DATABASE_URL, conn_health_checks=True)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a dossier is written; IMMEDIATE takes the write lock at
    # BEGIN so two submissions queue instead of failing with "database is locked".
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif _db["ENGINE"] == "django.db.backends.postgresql":
    _db["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
    # A dropped or hung server must not hold a worker: connect quickly, cancel a statement
    # that runs too long, and notice a silent peer with TCP keepalives; then answer 503
    # (every one of these is an OperationalError, which the middleware turns into a 503).
    _options = _db.setdefault("OPTIONS", {})
    _options["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)
    _statement_timeout = env_int("DB_STATEMENT_TIMEOUT", 15000)  # milliseconds, 0: none
    if _statement_timeout > 0:
        _options["options"] = " ".join(
            filter(None, [_options.get("options"), f"-c statement_timeout={_statement_timeout}"])
        )
    _options["keepalives"] = 1
    _options["keepalives_idle"] = env_int("DB_KEEPALIVES_IDLE", 30)
    _options["keepalives_interval"] = env_int("DB_KEEPALIVES_INTERVAL", 5)
    _options["keepalives_count"] = env_int("DB_KEEPALIVES_COUNT", 3)
    # A frozen server still ACKs TCP, so none of the above frees a request already waiting
    # on an open connection: anphong/db_watchdog.py cuts a command unanswered this long
    # (seconds; 0: off). By default the statement timeout plus 2 s, so a server that still
    # works has cancelled the command first.
    DB_WATCHDOG_SECONDS = env_int(
        "DB_WATCHDOG_SECONDS", _statement_timeout // 1000 + 2 if _statement_timeout > 0 else 0
    )
else:
    _db["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
    _db.setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)
DATABASES = {"default": _db}
if _db["ENGINE"] != "django.db.backends.postgresql":
    DB_WATCHDOG_SECONDS = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # Fails open (portal/cache.py): while Redis is unreachable pages are served uncached,
    # each attempt bounded by these timeouts (milliseconds), then Redis is left alone for
    # REDIS_RETRY_SECONDS. The rate limits that protect residents' data fail closed instead
    # (PORTAL_RATE_FAIL_CLOSED).
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "anphong",
            "TIMEOUT": 300,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": env_int("REDIS_CONNECT_TIMEOUT_MS", 250) / 1000,
                "SOCKET_TIMEOUT": env_int("REDIS_SOCKET_TIMEOUT_MS", 250) / 1000,
                "RETRY_SECONDS": env_int("REDIS_RETRY_SECONDS", 5),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "anphong",
            "TIMEOUT": 300,
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English exists for what Decree 42/2022 Art. 7 asks (structure, contacts).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's stock `vi` formats group nothing and read dates month-first in places:
# ours live in anphong/formats/<lang>/formats.py.
FORMAT_MODULE_PATH = ["anphong.formats"]
# Grouping is explicit ({{ n|intcomma }}): years, codes and document numbers never group.
USE_THOUSAND_SEPARATOR = False
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", get_bootstrap_dir())]
MEDIA_URL = "/media/"
# Serve MEDIA_ROOT through Django (development and `make run`; a web server does it in
# production).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Residents' files never sit under MEDIA_ROOT: see portal's private storage.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    # A write that fails halfway (a full disk) leaves no partial file (portal.storage).
    "default": {"BACKEND": "portal.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Residents' files (procedures.storage.private_storage): no URL, served only by views
    # that check permissions.
    "private": {
        "BACKEND": "procedures.storage.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
# Bodies over FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) are streamed to FILE_UPLOAD_TEMP_DIR
# (unset: the system's temporary folder; put it on the disk of PRIVATE_MEDIA_ROOT so that a
# small full /tmp cannot refuse them). When that disk fails, portal.uploads removes the
# half-written file and the resident gets a page that says so, with this Retry-After
# (anphong.middleware.InputGuardMiddleware), not a 500.
FILE_UPLOAD_TEMP_DIR = env_str("FILE_UPLOAD_TEMP_DIR") or None
UPLOAD_RETRY_AFTER = env_int("UPLOAD_RETRY_AFTER", 300)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "portal.uploads.TemporaryFileUploadHandler",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "admin:login"
# Where staff land when the log-in has no `next`, or one off the site (Django drops it):
# the admin index, which every staff user may open (Django's default, /accounts/profile/,
# does not exist here).
LOGIN_REDIRECT_URL = "admin:index"
CSRF_FAILURE_VIEW = "anphong.views.csrf_failure"

# Security headers. Scripts and styles come only from our own static files: public pages
# carry no inline code, so they stay cacheable; a nonce appears only where a page uses it.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# E-mail: console in development; SMTP settings in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A hung mail server must not hold a web thread or the task worker: give up after this
# many seconds (the notification is retried, NOTIFICATION_MAX_ATTEMPTS).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "UBND phường An Phong <no-reply@anphong.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Admin", a) for a in env_list("ADMINS")]

# Seconds a client is asked to wait while the database is unreachable (503 Retry-After).
DATABASE_RETRY_AFTER = env_int("DATABASE_RETRY_AFTER", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"database_outage": {"()": "anphong.log_filters.SkipDuringDatabaseOutage"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["database_outage"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Online administrative procedures.
# Unit code that starts every dossier code, `<unit>-YYMMDD-NNNN`: the receiving body's code,
# the date, a number of at least 4 digits within the day (Circular 03/2025/TT-VPCP Art. 13,
# as quoted with its amendment by Circular 04/2025/TT-VPCP Art. 23). The default is a
# placeholder: set the ward's electronic identification code from the national list.
DOSSIER_UNIT_CODE = env_str("DOSSIER_UNIT_CODE", "H26.APH")
# Upload limits: bytes per file, bytes per dossier, files per dossier, pixels per image.
DOSSIER_MAX_FILE_SIZE = env_int("DOSSIER_MAX_FILE_SIZE", 10 * 1024 * 1024)
DOSSIER_MAX_TOTAL_SIZE = env_int("DOSSIER_MAX_TOTAL_SIZE", 50 * 1024 * 1024)
DOSSIER_MAX_FILES = env_int("DOSSIER_MAX_FILES", 20)
DOSSIER_MAX_IMAGE_PIXELS = env_int("DOSSIER_MAX_IMAGE_PIXELS", 40_000_000)
# Photos sent with a report (feedback app): each at most this size, five at most.
FEEDBACK_MAX_PHOTO_BYTES = env_int("FEEDBACK_MAX_PHOTO_BYTES", 8 * 1024 * 1024)
# Hours after which unsubmitted uploads (and files without a row) are swept.
DOSSIER_ORPHAN_MAX_AGE_HOURS = env_int("DOSSIER_ORPHAN_MAX_AGE_HOURS", 24)
# Results delivered electronically (results app): the largest result PDF an officer may
# upload, and the PEM files of the roots a result's signer certificate must chain to
# (e.g. the national Root CA of Ban Cơ yếu Chính phủ); none: signatures are checked for
# integrity only and the pages say the signer was not checked against a trusted root.
RESULT_MAX_FILE_SIZE = env_int("RESULT_MAX_FILE_SIZE", 20 * 1024 * 1024)
RESULT_SIGNATURE_TRUST_ROOTS = env_list("RESULT_SIGNATURE_TRUST_ROOTS")
# Days a "Lưu và tiếp tục sau" link opens the saved form (its staged files are kept as long).
DOSSIER_DRAFT_DAYS = env_int("DOSSIER_DRAFT_DAYS", 7)

# Staff side.
# Absolute links in messages sent from staff actions, which have no request to build them.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Also text the resident each public status change (through SMS_BACKEND).
DOSSIER_SMS_NOTIFICATIONS = env_bool("DOSSIER_SMS_NOTIFICATIONS", False)
# Finished dossiers older than this lose their personal data and files (purge_dossiers);
# the anonymous rows stay for the statistics.
DOSSIER_RETENTION_DAYS = env_int("DOSSIER_RETENTION_DAYS", 5 * 365)
# Closed reports (phản ánh, kiến nghị) keep the sender's data this long (feedback.retention).
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 2 * 365)
# Public statistics (/thong-ke/) are cached this long.
STATISTICS_CACHE_SECONDS = env_int("STATISTICS_CACHE_SECONDS", 600)
# Rate limits per client IP, "<requests>/<seconds>": form steps and tracking look-ups.
PORTAL_RATE_SUBMIT = env_str("PORTAL_RATE_SUBMIT", "60/600")
PORTAL_RATE_TRACKING = env_str("PORTAL_RATE_TRACKING", "20/600")
# Residents' reports: sends of the form per client, and reports per phone number a day.
PORTAL_RATE_FEEDBACK = env_str("PORTAL_RATE_FEEDBACK", "30/3600")
PORTAL_RATE_FEEDBACK_PHONE = env_str("PORTAL_RATE_FEEDBACK_PHONE", "5/86400")
# Saved forms: saves per client, and links mailed or texted to one address or number a day
# (each save sends a message: without a limit the form would mail anyone on request).
PORTAL_RATE_DRAFT = env_str("PORTAL_RATE_DRAFT", "10/3600")
PORTAL_RATE_DRAFT_RECIPIENT = env_str("PORTAL_RATE_DRAFT_RECIPIENT", "10/86400")
# Codes texted to prove a phone ("Hồ sơ của tôi"), per phone number.
PORTAL_RATE_PHONE_CODE = env_str("PORTAL_RATE_PHONE_CODE", "3/3600")
# Online payments started from the tracking page, per client (each one opens an order).
PORTAL_RATE_PAYMENT = env_str("PORTAL_RATE_PAYMENT", "10/600")
# Desk appointments: bookings, cancellations and moves per address, and per phone number.
PORTAL_RATE_APPOINTMENT = env_str("PORTAL_RATE_APPOINTMENT", "20/3600")
PORTAL_RATE_APPOINTMENT_PHONE = env_str("PORTAL_RATE_APPOINTMENT_PHONE", "5/86400")
# Limits that refuse (503) rather than let requests through uncounted while the cache is
# unreachable: the tracking look-up's limit is what stops code + phone guessing, so it
# protects residents' data. The submission limit only guards against floods: it fails open.
PORTAL_RATE_FAIL_CLOSED = env_list("PORTAL_RATE_FAIL_CLOSED", ["tracking"])
# The client address behind proxies follows TRUSTED_PROXY_COUNT (below).

# --- Staff side: working-day calendar, log-in hardening, notifications, audit ---
INSTALLED_APPS += ["axes", "django_tasks_db"]
# The session idle check needs the user and messages; axes must stay last (it answers lockouts).
MIDDLEWARE += ["staff.security.StaffIdleTimeoutMiddleware", "axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out client before the password is even checked (django-axes).
    "staff.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Second factor (django-otp): time-based codes from an authenticator app, plus one-use
# recovery codes, for every staff account that can see residents' data (staff.otp). The
# device is known right after the user; staff.otp's check runs once the idle timeout has had
# its say (a session past its idle time is logged out, not asked for a code), before axes.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "staff.otp.OTPRequiredMiddleware"
)
# The name the authenticator app shows next to the account (colons are dropped).
STAFF_OTP_ISSUER = env_str("STAFF_OTP_ISSUER", "Phường An Phong")
OTP_TOTP_ISSUER = STAFF_OTP_ISSUER

# Office hours of the one-stop desk (local time, Mon–Fri by default). Deadlines count only
# these hours: "due within 24 working hours" means three 8-hour-ish office days, not a day.
OFFICE_HOURS = env_str("OFFICE_HOURS", "07:30-11:30,13:30-17:00")
# Weekdays the desk is open, Monday = mon. Public holidays and admin overrides apply on top.
WORKING_WEEKDAYS = env_list("WORKING_WEEKDAYS", ["mon", "tue", "wed", "thu", "fri"])

# Desk appointments (appointments/): slots cut from OFFICE_HOURS on working days, bookable
# from APPOINTMENT_MIN_LEAD_MINUTES ahead up to APPOINTMENT_DAYS_AHEAD calendar days ahead.
APPOINTMENT_SLOT_MINUTES = env_int("APPOINTMENT_SLOT_MINUTES", 30)
APPOINTMENT_DAYS_AHEAD = env_int("APPOINTMENT_DAYS_AHEAD", 14)
APPOINTMENT_MIN_LEAD_MINUTES = env_int("APPOINTMENT_MIN_LEAD_MINUTES", 60)
# Residents the desk's counters take in one slot, all fields together.
APPOINTMENT_SLOT_CAPACITY = env_int("APPOINTMENT_SLOT_CAPACITY", 3)
# Future bookings one phone number may hold at once (against bulk booking).
APPOINTMENT_MAX_ACTIVE_PER_PHONE = env_int("APPOINTMENT_MAX_ACTIVE_PER_PHONE", 2)
# A phone that missed this many appointments in the last APPOINTMENT_NO_SHOW_DAYS days
# cannot book online until the oldest miss is that old (0: no such rule).
APPOINTMENT_NO_SHOW_LIMIT = env_int("APPOINTMENT_NO_SHOW_LIMIT", 3)
APPOINTMENT_NO_SHOW_DAYS = env_int("APPOINTMENT_NO_SHOW_DAYS", 30)
# Days after its day an appointment keeps the resident's name, phone and e-mail
# (purge_appointments, nightly); never shorter than the no-show rule looks back.
APPOINTMENT_RETENTION_DAYS = env_int("APPOINTMENT_RETENTION_DAYS", 180)
if APPOINTMENT_RETENTION_DAYS < APPOINTMENT_NO_SHOW_DAYS:
    raise ImproperlyConfigured(
        "APPOINTMENT_RETENTION_DAYS must be at least APPOINTMENT_NO_SHOW_DAYS."
    )

# Log-in lockout (django-axes). Attempts are counted per user name *and* address: the ward's
# staff share one office address, so locking the address alone would lock out the whole desk.
# Unknown user names are counted and locked exactly like real ones (no account enumeration).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "staff.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.trusted_client_ip"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Number of reverse proxies in front of the app that append to X-Forwarded-For (0 = none:
# REMOTE_ADDR is the client). Never more than really exist, or clients can forge addresses.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Sessions: a staff session ends after this many seconds without a request (idle timeout);
# any session ends after SESSION_COOKIE_AGE whatever the activity.
STAFF_SESSION_IDLE_TIMEOUT = env_int("STAFF_SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60)

# Background tasks (django.tasks). Default: run at once in the request (after commit).
# Production: TASKS_BACKEND=database and a `manage.py db_worker` process.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")

# Notifications: bounded retries with exponential backoff (base, ×4 each time: 1, 4, 16, 64 min).
NOTIFICATION_MAX_ATTEMPTS = env_int("NOTIFICATION_MAX_ATTEMPTS", 5)
NOTIFICATION_RETRY_BACKOFF = env_int("NOTIFICATION_RETRY_BACKOFF", 60)  # seconds
SMS_BACKEND = env_str("SMS_BACKEND", "notifications.sms.ConsoleSmsBackend")
# Vietnamese SMS without diacritics fit 160 GSM-7 characters instead of 70 UCS-2 ones.
SMS_ASCII_ONLY = env_bool("SMS_ASCII_ONLY", True)
# News and documents (congress app). Uploaded pictures are re-encoded and bounded.
NEWS_IMAGE_MAX_BYTES = env_int("NEWS_IMAGE_MAX_BYTES", 15 * 1024 * 1024)
NEWS_IMAGE_MAX_PIXELS = env_int("NEWS_IMAGE_MAX_PIXELS", 40_000_000)
NEWS_IMAGE_MAX_SIDE = env_int("NEWS_IMAGE_MAX_SIDE", 2400)
NEWS_IMAGE_WIDTHS = [480, 960, 1600]
NEWS_IMAGE_SIZES = "(min-width: 1200px) 760px, (min-width: 992px) 640px, 100vw"
NEWS_PAGE_SIZE = env_int("NEWS_PAGE_SIZE", 20)
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
# Seconds anonymous visitors may be served a cached page (0 turns the page cache off).
# Any save bumps the cache version, and the timeout never runs past the next scheduled
# publication, so this is only the upper bound for changes made outside the ORM.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# Site-search results per set of folded words (shared by every spelling of a query).
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 60)
# A news card or register row as drawn, kept under its own object's version (id, last
# change): it survives the page-cache changes other objects cause.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 24 * 3600)

# Residents' log-in with an OpenID Connect provider (accounts/; in production the national
# e-identity, VNeID). Hidden while OIDC_DISCOVERY_URL (or OIDC_ISSUER) and OIDC_CLIENT_ID
# are empty; anonymous use works the same either way. The claim names are the provider's.
OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL", "")
OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid profile email phone")
OIDC_CLAIM_CITIZEN_ID = env_str("OIDC_CLAIM_CITIZEN_ID", "citizen_id")
OIDC_CLAIM_NAME = env_str("OIDC_CLAIM_NAME", "name")
OIDC_CLAIM_BIRTHDATE = env_str("OIDC_CLAIM_BIRTHDATE", "birthdate")
OIDC_CLAIM_PHONE = env_str("OIDC_CLAIM_PHONE", "phone_number")
OIDC_CLAIM_EMAIL = env_str("OIDC_CLAIM_EMAIL", "email")
# Shown on the button, the form and to staff ("verified by …").
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "VNeID")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
# The log-out form posts here and is redirected on to the provider's end-session page: the
# CSP's form-action must allow the provider's origin (and any other its log-out uses).
OIDC_FORM_ACTION_ORIGINS = env_list(
    "OIDC_FORM_ACTION_ORIGINS", [o for o in [origin_of(OIDC_DISCOVERY_URL or OIDC_ISSUER)] if o]
)
SECURE_CSP["form-action"] = [CSP.SELF, *OIDC_FORM_ACTION_ORIGINS]
# One-time codes proving a resident's phone: lifetime and wrong tries allowed.
ACCOUNT_PHONE_CODE_SECONDS = env_int("ACCOUNT_PHONE_CODE_SECONDS", 10 * 60)
ACCOUNT_PHONE_CODE_ATTEMPTS = env_int("ACCOUNT_PHONE_CODE_ATTEMPTS", 5)

# Fees and charges paid online (payments app). PAYMENT_GATEWAY selects the gateway: ""
# (none: the tracking page shows the amount and "nộp tại quầy"), "vnpay" (the real one,
# configured below) or "dev" (the development gateway of `make run` and the tests: signs
# with PAYMENT_DEV_SECRET, takes no money; its pages are mounted only then).
PAYMENT_GATEWAY = env_str("PAYMENT_GATEWAY", "")
if PAYMENT_GATEWAY not in ("", "vnpay", "dev"):
    raise ImproperlyConfigured("PAYMENT_GATEWAY must be '', 'vnpay' or 'dev'.")
# Minutes an online order stays open at the gateway (vnp_ExpireDate).
PAYMENT_EXPIRY_MINUTES = env_int("PAYMENT_EXPIRY_MINUTES", 15)
# Receipts (biên lai) are numbered <prefix>-<year>-<6 digits>, one sequence a year.
PAYMENT_RECEIPT_PREFIX = env_str("PAYMENT_RECEIPT_PREFIX", "BL")
# VNPAY (payment API 2.1.0): the terminal code and hash secret VNPAY issues, its payment
# page (sandbox: https://sandbox.vnpayment.vn/paymentv2/vpcpay.html). The return address is
# SITE_URL + /thanh-toan/ket-qua/ unless set; the IPN address to register with VNPAY is
# SITE_URL + /thanh-toan/ipn/.
VNPAY_TMN_CODE = env_str("VNPAY_TMN_CODE", "")
VNPAY_HASH_SECRET = env_str("VNPAY_HASH_SECRET", "")
VNPAY_PAYMENT_URL = env_str(
    "VNPAY_PAYMENT_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
)
VNPAY_RETURN_URL = env_str("VNPAY_RETURN_URL", "")
if PAYMENT_GATEWAY == "vnpay" and not (VNPAY_TMN_CODE and VNPAY_HASH_SECRET):
    raise ImproperlyConfigured("PAYMENT_GATEWAY=vnpay needs VNPAY_TMN_CODE and VNPAY_HASH_SECRET.")
# The development gateway's secret (not a secret: it guards nothing real) and how it hands
# its notification to the portal: "http" calls the IPN address as VNPAY would (gunicorn,
# runserver), "inprocess" passes the same signed parameters to the same handler in the
# process (the single-threaded live server of the browser tests would deadlock on HTTP).
PAYMENT_DEV_SECRET = env_str("PAYMENT_DEV_SECRET", "dev-gateway-not-a-secret")
PAYMENT_DEV_DELIVERY = env_str("PAYMENT_DEV_DELIVERY", "http")
