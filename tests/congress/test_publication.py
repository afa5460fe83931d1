"""One publication rule for list, detail, feed, sitemap and search; staff may preview."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from congress.models import Article
from tests.congress.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(ward):
    return {
        "public": ArticleFactory(title="Bài đã đăng công khai"),
        "draft": ArticleFactory(title="Bài nháp bí mật", draft=True),
        "scheduled": ArticleFactory(title="Bài hẹn giờ sắp đăng", scheduled=True),
    }


def test_published_queryset_is_the_rule(articles):
    assert list(Article.objects.published()) == [articles["public"]]


@pytest.mark.parametrize(
    ("url", "published"),
    [
        ("/tin-tuc/", "Bài đã đăng công khai"),
        ("/tin-tuc/rss/", "<item><title>Bài đã đăng công khai</title>"),
        ("/sitemap-news.xml", "<loc>http://testserver/tin-tuc/bai-da-dang-cong-khai/</loc>"),
        ("/tim-kiem/?q=bai", "Bài đã đăng công khai"),
        ("/", "Bài đã đăng công khai"),
    ],
)
def test_public_pages_show_only_published(client, articles, url, published):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert published in html
    assert "Bài nháp bí mật" not in html and articles["draft"].slug not in html
    assert "Bài hẹn giờ sắp đăng" not in html and articles["scheduled"].slug not in html


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_detail_is_404_for_the_public(client, articles, state):
    assert client.get(articles[state].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_staff_can_preview_unpublished(client, articles, state):
    staff = User.objects.create_user("bientap", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(staff)
    response = client.get(articles[state].get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_a_staff_preview_never_reaches_anonymous_visitors(client, articles, settings, state):
    """Staff see unpublished articles on the public address: the page cache, on as in
    production, must never hand that page to the next anonymous visitor."""
    settings.PAGE_CACHE_SECONDS = 60
    anonymous = Client()
    # The cache is live in this test: an anonymous public page is stored and served.
    public_url = articles["public"].get_absolute_url()
    assert anonymous.get(public_url)["X-Page-Cache"] == "miss"
    assert anonymous.get(public_url)["X-Page-Cache"] == "hit"

    url = articles[state].get_absolute_url()
    assert anonymous.get(url).status_code == 404
    staff = User.objects.create_user("bientap3", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(staff)
    preview = client.get(url)
    assert preview.status_code == 200 and "Bản xem trước" in preview.content.decode()

    for _ in range(2):  # the first visit after the preview, and one that could hit
        response = anonymous.get(url)
        assert response.status_code == 404
        assert "Bản xem trước" not in response.content.decode()
        assert articles[state].title not in response.content.decode()
    assert anonymous.get(public_url)["X-Page-Cache"] == "hit"


def test_logged_in_non_staff_cannot_preview(client, articles):
    user = User.objects.create_user("nguoidan", password="x")
    client.force_login(user)
    assert client.get(articles["draft"].get_absolute_url()).status_code == 404


def test_page_cache_never_outlives_the_next_scheduled_publication(client, ward, clock, settings):
    """No cron job: a cached page expires when the next scheduled article is due."""
    # Mid-morning of the suite's day: other apps schedule a change at the next local
    # midnight too (disclosure's posting days), which would rightly end the page earlier.
    clock.now = timezone.localtime(clock.now).replace(hour=10, minute=0, second=0)
    settings.PAGE_CACHE_SECONDS = 60
    ArticleFactory(title="Bài sắp đến giờ", published_at=clock.now + timedelta(seconds=20))
    url = reverse("congress:article_list")
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    assert "Bài sắp đến giờ" not in first.content.decode()
    clock.advance(seconds=19)
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert "Bài sắp đến giờ" not in cached.content.decode()
    clock.advance(seconds=1)  # its time has come: the cached page has expired with it
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Bài sắp đến giờ" in fresh.content.decode()


def test_edit_shows_at_once_for_anonymous_visitors(client, articles):
    """A save of public content bumps the cache version: no waiting for the timeout."""
    url = articles["public"].get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    article = articles["public"]
    article.summary = "Sapo đã được biên tập lại."
    article.save()
    response = client.get(url)
    assert "Sapo đã được biên tập lại." in response.content.decode()
    article.status = "draft"
    article.save()
    assert client.get(url).status_code == 404


def test_staff_always_get_the_live_page(client, articles):
    staff = User.objects.create_user("bientap2", password="x", is_staff=True)
    client.force_login(staff)
    url = reverse("congress:article_list")
    client.get(url)
    response = client.get(url)
    assert response.get("X-Page-Cache") is None
    assert "private" in response["Cache-Control"]


def test_private_writes_do_not_flush_the_page_cache(client, articles, ward):
    """Sessions, audit rows and dossiers change all day: they must not empty the cache."""
    from django.contrib.sessions.backends.db import SessionStore

    from staff.audit import audit
    from staff.models import AuditAction

    url = articles["public"].get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    session = SessionStore()
    session["x"] = 1
    session.save()
    staff = User.objects.create_user("canbo-xem", password="x", is_staff=True)
    audit(actor=staff, action=AuditAction.VIEW, target=articles["public"])
    assert client.get(url)["X-Page-Cache"] == "hit"
    ward.population = 44661
    ward.save()
    assert client.get(url)["X-Page-Cache"] == "miss"
