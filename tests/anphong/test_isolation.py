"""Each test starts from the same process state, whatever the test before it did.

The tests come in pairs, kept in this order: the first leaves state behind on purpose, the
second, run right after it, checks that it is gone.
"""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from portal import pagecache
from portal.search import registry as search

# A stopped clock at the same instant in both tests of a pair: they then read the same
# page-cache version, so only the reset between tests tells their states apart.
INSTANT = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)


class _LeftBehind(search.Provider):
    kind = "left-behind"
    label = "Bỏ quên"

    def search(self, query, limit):
        return []


def test_leaves_english_active(client, ward):
    assert client.get("/en/").status_code == 200
    assert get_language() == "en"  # the request's language stays in this thread
    assert reverse("portal:home") == "/en/"


def test_starts_in_the_default_language(client, ward):
    assert get_language() == settings.LANGUAGE_CODE
    assert reverse("portal:home") == "/"


def test_leaves_a_set_held_in_the_process(clock):
    clock.now = INSTANT
    assert pagecache.per_process("test:isolation", lambda: "left behind") == "left behind"


def test_starts_without_the_sets_held_before(clock):
    clock.now = INSTANT
    assert pagecache.per_process("test:isolation", lambda: "fresh") == "fresh"


def test_leaves_a_search_provider_registered():
    search.register(_LeftBehind)
    assert any(isinstance(p, _LeftBehind) for p in search.providers())


def test_starts_without_the_providers_registered_before():
    assert not any(isinstance(p, _LeftBehind) for p in search.providers())
    assert search.providers()  # the apps' own providers stay


def test_the_test_settings_remove_their_temporary_folders_at_exit():
    """A run of the suite leaves nothing behind in the system's temporary folder."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from pathlib import Path; "
        "[Path(p).mkdir(parents=True, exist_ok=True) "
        "for p in (s.MEDIA_ROOT, s.PRIVATE_MEDIA_ROOT)]; "
        "(Path(s.PRIVATE_MEDIA_ROOT) / 'x.pdf').write_bytes(b'x'); "
        "print(s.MEDIA_ROOT, s.PRIVATE_MEDIA_ROOT, s.STATIC_ROOT, sep='\\n')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "anphong.settings.test"},
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    folders = [Path(line) for line in result.stdout.splitlines()]
    assert len(folders) == 3 and len({f.parent for f in folders}) == 1
    assert not folders[0].parent.exists()
