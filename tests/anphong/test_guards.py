"""Project-wide guards: migrations, URL names, feeds of the shell."""

import re
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


def test_sitemap_index_lists_every_section(client, db):
    """/sitemap.xml is an index (100 000 articles do not fit one sitemap): one entry per
    section of anphong.urls.sitemaps, each of which answers with a urlset."""
    from anphong.urls import sitemaps

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<sitemapindex" in body
    listed = re.findall(r"<loc>http://testserver(/sitemap-[\w-]+\.xml)</loc>", body)
    assert listed == [f"/sitemap-{section}.xml" for section in sitemaps]
    for path in listed:
        section = client.get(path)
        assert section.status_code == 200
        assert "<urlset" in section.content.decode()


def test_sitemap_lists_the_shell_pages(client, db):
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    body = client.get("/sitemap-pages.xml").content.decode()
    for path in ["/", "/gioi-thieu/", "/lien-he/"]:
        assert f"<loc>http://testserver{path}</loc>" in body


def test_sitemap_sections_paginate(client, db, monkeypatch):
    """A section longer than its `limit` is split into pages, each listed in the index."""
    from procedures.sitemaps import ProcedureSitemap
    from tests.procedures.factories import ProcedureFactory

    for n in range(5):
        ProcedureFactory(name=f"Thủ tục phân trang {n}")
    monkeypatch.setattr(ProcedureSitemap, "limit", 2)
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-procedures.xml</loc>" in index
    assert "http://testserver/sitemap-procedures.xml?p=3</loc>" in index
    assert "sitemap-procedures.xml?p=4" not in index
    pages = [client.get("/sitemap-procedures.xml", {"p": p}) for p in (1, 2, 3)]
    assert [r.content.decode().count("<url>") for r in pages] == [2, 2, 1]
    assert client.get("/sitemap-procedures.xml", {"p": 4}).status_code == 404


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
