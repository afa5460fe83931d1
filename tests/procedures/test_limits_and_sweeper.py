"""Rate limits per client (429 + Retry-After, Vietnamese page) and the orphan sweeper."""

import datetime as dt
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse

from procedures.models import Dossier
from procedures.storage import private_storage
from tests.procedures.journey import applicant_data, step_url, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def window_clock(clock):
    """The clock stopped 10 s into a 600-second rate window (windows are aligned to the epoch,
    so a test running across a boundary would otherwise see its count reset)."""
    start = (int(time.time()) // 600 + 1) * 600 + 10
    clock.now = dt.datetime.fromtimestamp(start, dt.UTC)
    return clock


def test_tracking_lookups_are_rate_limited_per_ip(client, ward, settings, window_clock):
    settings.PORTAL_RATE_TRACKING = "3/600"
    for _ in range(3):
        assert (
            client.post(
                reverse("procedures:tracking"), {"code": "X", "phone": "0912345678"}
            ).status_code
            == 200
        )
    response = client.post(reverse("procedures:tracking"), {"code": "X", "phone": "0912345678"})
    assert response.status_code == 429
    assert response["Retry-After"] == "590"  # the rest of the window
    html = response.content.decode()
    assert "Quá nhiều yêu cầu" in html and "<h1>" in html
    # Another client is not affected.
    other = client.post(
        reverse("procedures:tracking"), {"code": "X", "phone": "0912345678"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 200


def test_the_limit_lifts_when_the_window_ends(client, ward, settings, window_clock):
    settings.PORTAL_RATE_TRACKING = "1/600"
    url = reverse("procedures:tracking")
    assert client.post(url, {"code": "X", "phone": "0912345678"}).status_code == 200
    window_clock.advance(seconds=589)
    limited = client.post(url, {"code": "X", "phone": "0912345678"})
    assert (limited.status_code, limited["Retry-After"]) == (429, "1")
    window_clock.advance(seconds=1)  # the next window starts
    assert client.post(url, {"code": "X", "phone": "0912345678"}).status_code == 200


def test_secret_links_are_rate_limited_too(client, ward, settings, window_clock):
    settings.PORTAL_RATE_TRACKING = "2/600"
    for _ in range(2):
        assert client.get(reverse("procedures:tracking_token", args=["a" * 43])).status_code == 404
    assert client.get(reverse("procedures:tracking_token", args=["a" * 43])).status_code == 429


def test_form_posts_are_rate_limited(client, ward, procedure, settings, window_clock):
    settings.PORTAL_RATE_SUBMIT = "2/600"
    start = client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    assert (start.status_code, start["Location"]) == (302, step_url(procedure, "nguoi-nop"))
    for _ in range(2):
        # An invalid form is shown again, and still counts towards the limit.
        invalid = client.post(step_url(procedure, "nguoi-nop"), applicant_data(full_name=""))
        assert invalid.status_code == 200
    response = client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    assert (response.status_code, response["Retry-After"]) == (429, "590")
    assert Dossier.objects.count() == 0


def test_forwarded_for_is_trusted_only_behind_configured_proxies(
    client, ward, settings, window_clock
):
    settings.PORTAL_RATE_TRACKING = "1/600"
    first = client.post(reverse("procedures:tracking"), {}, HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert first.status_code == 200
    # No proxy configured: the forgeable header is ignored, same REMOTE_ADDR -> limited.
    assert (
        client.post(reverse("procedures:tracking"), {}, HTTP_X_FORWARDED_FOR="2.2.2.2").status_code
        == 429
    )
    settings.TRUSTED_PROXY_COUNT = 1
    assert (
        client.post(reverse("procedures:tracking"), {}, HTTP_X_FORWARDED_FOR="3.3.3.3").status_code
        == 200
    )


def _age(name, hours):
    path = private_storage.path(name)
    past = time.time() - hours * 3600
    os.utime(path, (past, past))


def test_sweeper_removes_old_orphans_and_keeps_everything_else(client, ward, procedure, settings):
    settings.DOSSIER_ORPHAN_MAX_AGE_HOURS = 24
    submit(client, procedure)
    kept = [d.file.name for d in Dossier.objects.get().documents.all()]
    for name in kept:
        _age(name, 48)
    old_tmp = private_storage.save("tmp/old.pdf", ContentFile(b"x"))
    new_tmp = private_storage.save("tmp/new.pdf", ContentFile(b"x"))
    orphan = private_storage.save("dossiers/2026/01/orphan.pdf", ContentFile(b"x"))
    young_orphan = private_storage.save("dossiers/2026/01/young.pdf", ContentFile(b"x"))
    # Every age is set against the application's clock, which a test run may have moved.
    _age(old_tmp, 48)
    _age(orphan, 48)
    _age(new_tmp, 1)
    _age(young_orphan, 1)
    call_command("sweep_dossier_files", verbosity=0)
    assert not private_storage.exists(old_tmp) and not private_storage.exists(orphan)
    assert private_storage.exists(new_tmp) and private_storage.exists(young_orphan)
    assert len(kept) == 2
    assert all(private_storage.exists(n) for n in kept)


def test_files_are_deleted_after_their_row_commits(
    client, ward, procedure, django_capture_on_commit_callbacks
):
    submit(client, procedure)
    document = Dossier.objects.get().documents.first()
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document.delete()
    assert private_storage.exists(name)  # not yet: the delete might still roll back
    for callback in callbacks:
        callback()
    assert not private_storage.exists(name)
