"""The portal as residents meet it, on this machine (`make run`).

DEBUG off, so visitors get the portal's Vietnamese error pages and never a traceback;
static files from `collectstatic`, served by WhiteNoise with hashed names; gunicorn on
loopback (Makefile). What production adds (prod.py: HTTPS redirect, secure cookies, HSTS)
needs HTTPS, which plain HTTP on 127.0.0.1 has not. The news pictures under MEDIA_ROOT are
served by Django here (a web server serves them in production). The secret key is made
once into var/secret_key unless SECRET_KEY is set. Demo content is installed.
"""

import os
import secrets
from pathlib import Path

os.environ["DEBUG"] = "0"
if not os.environ.get("SECRET_KEY"):
    _var = Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parents[2] / "var")
    _key_file = _var / "secret_key"
    if not _key_file.exists():
        _var.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        _key_file.chmod(0o600)
    os.environ["SECRET_KEY"] = _key_file.read_text(encoding="utf-8").strip()

from anphong.settings.base import *  # noqa: E402,F403

# Demo content and benchmark data generators (`make run`, tests, benchmarks).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
SERVE_MEDIA = True
