"""Project-wide guards: migrations, URL names, feeds of the shell."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver


def test_no_pending_migrations(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"Pending migrations:\n{out.getvalue()}")


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def test_every_project_url_is_named():
    unnamed = [
        route
        for route, entry in _patterns(get_resolver())
        if entry.name is None and not route.startswith("quan-tri/")
    ]
    assert unnamed == []


def test_robots_txt_points_to_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /quan-tri/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_the_shell_pages(client, db):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ["/", "/gioi-thieu/", "/lien-he/"]:
        assert f"<loc>http://testserver{path}</loc>" in body


def test_load_demo_is_idempotent(db):
    from portal.models import PredecessorWard, WardProfile

    call_command("load_demo", stdout=StringIO())
    first = (WardProfile.objects.count(), PredecessorWard.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (WardProfile.objects.count(), PredecessorWard.objects.count()) == first == (1, 6)


def test_demo_admin_password_is_printed_once(db):
    from django.contrib.auth import get_user_model

    first, second = StringIO(), StringIO()
    call_command("ensure_demo_admin", stdout=first)
    call_command("ensure_demo_admin", stdout=second)
    assert "Password:" in first.getvalue()
    assert "Password:" not in second.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_favicon_ico_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
