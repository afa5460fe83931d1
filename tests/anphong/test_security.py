"""Security baseline: headers on every public page, CSP without inline code."""

import re

import pytest
from django.urls import reverse

PUBLIC = ["/", "/gioi-thieu/", "/lien-he/", "/khong-ton-tai/"]


@pytest.mark.parametrize("path", PUBLIC)
def test_security_headers(client, ward, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no nonce, no inline, nothing external
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PUBLIC[:3])
def test_public_pages_carry_no_inline_code(client, ward, path):
    html = client.get(path).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html), "inline style attribute"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert "nonce=" not in html
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html  # nothing from a CDN


def test_admin_is_vietnamese_and_titled_for_the_ward(client, db):
    response = client.get(reverse("admin:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Quản trị Cổng thông tin điện tử phường An Phong" in html
    assert '<html lang="vi"' in html


def test_admin_requires_login(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_production_settings_are_strict(monkeypatch):
    import importlib

    import anphong.settings.base as base

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    # Production refuses to start without a shared cache (base is already imported).
    monkeypatch.setattr(base, "REDIS_URL", "redis://127.0.0.1:6379/0")
    import anphong.settings.prod as prod

    prod = importlib.reload(prod)
    assert prod.DEBUG is False
    assert prod.SECURE_SSL_REDIRECT is True
    assert prod.SESSION_COOKIE_SECURE is True
    assert prod.CSRF_COOKIE_SECURE is True
    assert prod.SECURE_HSTS_SECONDS == 365 * 24 * 3600


def test_missing_secret_key_fails_loudly_when_debug_is_off():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import anphong.settings.base"],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "0"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "SECRET_KEY must be set" in result.stderr
