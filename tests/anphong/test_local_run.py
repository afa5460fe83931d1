"""`make run` shows the portal as residents meet it; `make dev` is for developers (issue 14.19).

`make run` serves anphong.settings.local with gunicorn on loopback: DEBUG off (Vietnamese
error pages, never a traceback or the URL configuration), static files from collectstatic
through WhiteNoise, the news pictures through anphong.views.media. `make dev` keeps
runserver with DEBUG and autoreload.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _make_recipe(target):
    """The commands of a Makefile target, as `make -n` prints them (nothing is run)."""
    result = subprocess.run(  # noqa: S603 - our own Makefile, printed not run
        [shutil.which("make"), "-n", "--always-make", "-f", "Makefile", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _makefile_rule(target):
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if line.startswith(f"{target}:"))


def test_make_run_serves_the_local_settings_with_gunicorn_on_loopback():
    assert "export DJANGO_SETTINGS_MODULE := anphong.settings.local" in _makefile_rule("run")
    recipe = _make_recipe("run")
    assert "collectstatic --noinput" in recipe
    assert re.search(r"gunicorn anphong\.wsgi --bind 127\.0\.0\.1:\d+", recipe)
    assert "runserver" not in recipe


def test_make_dev_keeps_runserver_for_developers():
    recipe = _make_recipe("dev")
    assert re.search(r"manage\.py runserver 127\.0\.0\.1:\d+", recipe)


def _local_settings(tmp_path, **env):
    code = (
        "import json, anphong.settings.local as s;"
        "print(json.dumps({'debug': s.DEBUG, 'media': s.SERVE_MEDIA, 'key': s.SECRET_KEY,"
        " 'demo': 'demo' in s.INSTALLED_APPS, 'ssl': getattr(s, 'SECURE_SSL_REDIRECT', False)}))"
    )
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    environ.update(VAR_DIR=str(tmp_path), **env)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_settings_have_debug_off_and_a_kept_secret_key(tmp_path):
    first = _local_settings(tmp_path, DEBUG="1")  # DEBUG from the environment is ignored
    assert first["debug"] is False and first["media"] is True and first["demo"] is True
    assert first["ssl"] is False  # plain HTTP on loopback
    key_file = tmp_path / "secret_key"
    assert key_file.read_text(encoding="utf-8").strip() == first["key"]
    assert len(first["key"]) >= 50 and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert _local_settings(tmp_path)["key"] == first["key"]  # the same key next time
    assert _local_settings(tmp_path, SECRET_KEY="from-the-environment")["key"] == (
        "from-the-environment"
    )


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    (settings.MEDIA_ROOT / "anh.txt").write_text("ảnh", encoding="utf-8")
    (tmp_path / "db.sqlite3").write_text("secret", encoding="utf-8")
    return settings.MEDIA_ROOT


@pytest.mark.django_db
def test_media_are_served_only_when_asked_and_never_outside_media_root(client, media_root):
    url = reverse("media", args=["anh.txt"])
    assert client.get(url).status_code == 404  # production: the web server's job
    with override_settings(SERVE_MEDIA=True):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).decode() == "ảnh"
        for path in ["/media/..%2fdb.sqlite3", "/media/../db.sqlite3", "/media/%2e%2e/db.sqlite3"]:
            refused = client.get(path)
            assert refused.status_code in (400, 404)
            assert b"secret" not in refused.content and b"Traceback" not in refused.content
