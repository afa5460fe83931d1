"""Settings read typed environment variables: database, cache, booleans."""

import json
import subprocess
import sys

import pytest


def _settings(env, expr):
    """Evaluate `expr` against anphong.settings.base imported under `env` alone."""
    code = f"import json, anphong.settings.base as s; print(json.dumps({expr}, default=str))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sqlite_is_the_default_database():
    db = _settings({}, "s.DATABASES['default']")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"].endswith("var/db.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_postgresql_gets_persistent_health_checked_connections():
    db = _settings(
        {"DATABASE_URL": "postgres://u:p@db.internal:5432/anphong"}, "s.DATABASES['default']"
    )
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["CONN_MAX_AGE"] == 600
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["OPTIONS"]["connect_timeout"] == 3


def test_redis_url_selects_the_redis_cache():
    caches = _settings({"REDIS_URL": "redis://127.0.0.1:6379/1"}, "s.CACHES['default']")
    assert caches["BACKEND"] == "portal.cache.FailOpenRedisCache"  # a RedisCache that fails open
    assert caches["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert _settings({}, "s.CACHES['default']['BACKEND']").endswith("LocMemCache")


def test_debug_defaults_to_off_and_rejects_garbage():
    assert _settings({}, "s.DEBUG") is False
    assert _settings({"DEBUG": "true"}, "s.DEBUG") is True
    result = subprocess.run(
        [sys.executable, "-c", "import anphong.settings.base"],
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "x", "DEBUG": "maybe"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize(("raw", "expected"), [("a.vn, b.vn", ["a.vn", "b.vn"]), ("", [])])
def test_allowed_hosts_is_a_comma_separated_list(raw, expected):
    assert _settings({"ALLOWED_HOSTS": raw}, "s.ALLOWED_HOSTS") == expected


def test_vietnamese_is_the_default_language_and_time_zone():
    assert _settings({}, "[s.LANGUAGE_CODE, s.TIME_ZONE]") == ["vi", "Asia/Ho_Chi_Minh"]


def test_postgresql_connections_time_out_and_keep_alive():
    """A hung server (stopped, not shut down) must give a fast 503, not a stalled worker:
    connect timeout, statement timeout and TCP keepalives (libpq parameters)."""
    url = {"DATABASE_URL": "postgres://u:p@db.internal:5432/anphong"}
    options = _settings(url, "s.DATABASES['default']['OPTIONS']")
    assert options == {
        "connect_timeout": 3,
        "options": "-c statement_timeout=15000",
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 5,
        "keepalives_count": 3,
    }
    tuned = {
        **url,
        "DB_CONNECT_TIMEOUT": "2",
        "DB_STATEMENT_TIMEOUT": "2500",
        "DB_KEEPALIVES_IDLE": "10",
        "DB_KEEPALIVES_INTERVAL": "2",
        "DB_KEEPALIVES_COUNT": "4",
    }
    options = _settings(tuned, "s.DATABASES['default']['OPTIONS']")
    assert options["connect_timeout"] == 2
    assert options["options"] == "-c statement_timeout=2500"
    assert [options[f"keepalives_{k}"] for k in ("idle", "interval", "count")] == [10, 2, 4]
    # 0 turns the statement timeout off (a long migration, run by hand).
    options = _settings({**url, "DB_STATEMENT_TIMEOUT": "0"}, "s.DATABASES['default']['OPTIONS']")
    assert "options" not in options


def test_sqlite_gets_no_postgresql_connection_parameters():
    options = _settings({}, "s.DATABASES['default']['OPTIONS']")
    assert not {"connect_timeout", "options", "keepalives"} & set(options)


def _import_prod(env):
    return subprocess.run(
        [sys.executable, "-c", "import anphong.settings.prod as s; print(s.CACHES['default'])"],
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_shared_cache():
    """An in-process cache gives each worker its own rate limits (2 workers: twice the
    limit), so production settings refuse to load without REDIS_URL, and say why."""
    for env in ({}, {"REDIS_URL": ""}):
        result = _import_prod(env)
        assert result.returncode == 1
        assert "ImproperlyConfigured: REDIS_URL is required in production" in result.stderr
    result = _import_prod({"REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert result.returncode == 0, result.stderr
    assert "FailOpenRedisCache" in result.stdout


def test_production_refuses_the_development_payment_gateway():
    """The development gateway signs with a public secret: in production anyone could
    forge a "paid" notification, so the production settings refuse it, and say why."""
    redis = {"REDIS_URL": "redis://127.0.0.1:6379/0"}
    result = _import_prod({**redis, "PAYMENT_GATEWAY": "dev"})
    assert result.returncode == 1
    assert "ImproperlyConfigured: PAYMENT_GATEWAY=dev is the development gateway" in result.stderr
    for gateway in ("", "vnpay"):
        extra = {"VNPAY_TMN_CODE": "T", "VNPAY_HASH_SECRET": "s"} if gateway else {}
        result = _import_prod({**redis, "PAYMENT_GATEWAY": gateway, **extra})
        assert result.returncode == 0, result.stderr
