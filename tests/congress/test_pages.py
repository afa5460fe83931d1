"""News and document pages: layout, metadata, pagination, feeds, sitemap, downloads."""

import json
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.congress.factories import ArticleFactory, ArticleImageFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def _one_h1(html):
    return len(re.findall(r"<h1[\s>]", html)) == 1


def test_every_news_page_has_one_h1(client, ward):
    article = ArticleFactory(with_cover=True)
    ArticleImageFactory(article=article)
    document = DocumentFactory(with_file=True)
    for url in [
        reverse("congress:article_list"),
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        reverse("congress:document_list"),
        document.get_absolute_url(),
        reverse("portal:search") + "?q=dai",
        "/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _one_h1(response.content.decode()), url


def test_article_page_metadata(client, ward):
    article = ArticleFactory(title="Khai mạc Đại hội", with_cover=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in html
    assert '<meta property="og:title" content="Khai mạc Đại hội">' in html
    assert '<meta property="og:image"' in html
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "NewsArticle" and data["headline"] == "Khai mạc Đại hội"
    assert 'data-action="print"' in html and "js/news.js" in html
    assert "onclick" not in html and "style=" not in html


def test_article_date_in_vietnamese_format(client, ward):
    from datetime import datetime

    from django.utils import timezone

    at = timezone.make_aware(datetime(2025, 8, 14, 17, 30))
    article = ArticleFactory(published_at=at)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "14/08/2025 17:30" in html


def test_previous_next_and_related(client, ward):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    old = ArticleFactory(title="Bài cũ", published_at=now - timedelta(days=3))
    mid = ArticleFactory(
        title="Bài giữa", category=old.category, published_at=now - timedelta(days=2)
    )
    new = ArticleFactory(title="Bài mới", published_at=now - timedelta(days=1))
    context = client.get(mid.get_absolute_url()).context
    assert context["neighbours"].older == old
    assert context["neighbours"].newer == new
    assert context["neighbours"].related == [old]


def test_cached_pager_and_related_follow_every_edit(client, ward):
    """The pager and the related list are a {% cache %} fragment under the page-cache
    version: a new article and a retitled one show in them on the next request."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    old = ArticleFactory(title="Bài cũ", published_at=now - timedelta(days=3))
    mid = ArticleFactory(
        title="Bài giữa", category=old.category, published_at=now - timedelta(days=2)
    )
    html = client.get(mid.get_absolute_url()).content.decode()
    assert "Bài cũ" in html and "Bài mới hơn" not in html
    ArticleFactory(
        title="Bài vừa đăng", category=old.category, published_at=now - timedelta(days=1)
    )
    old.title = "Bài cũ đã sửa tên"
    old.save()
    html = client.get(mid.get_absolute_url()).content.decode()
    assert "Bài vừa đăng" in html and "Bài mới hơn" in html
    assert "Bài cũ đã sửa tên" in html


@override_settings(NEWS_PAGE_SIZE=3)
def test_list_pages_newest_first_and_404_past_the_end(client, ward):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    articles = [ArticleFactory(published_at=now - timedelta(hours=n)) for n in range(1, 8)]
    url = reverse("congress:article_list")
    assert list(client.get(url).context["articles"]) == articles[:3]
    # Page 2 twice: the deferred join first, then the cached keyset anchor.
    assert list(client.get(url + "?page=2").context["articles"]) == articles[3:6]
    assert list(client.get(url + "?page=2&x=1").context["articles"]) == articles[3:6]
    assert list(client.get(url + "?page=3").context["articles"]) == articles[6:]
    assert client.get(url + "?page=4").status_code == 404
    assert client.get(url + "?page=abc").status_code == 404


def test_unknown_category_is_404(client, ward):
    assert client.get("/tin-tuc/chuyen-muc/khong-co/").status_code == 404


def test_rss_feed(client, ward):
    ArticleFactory(title="Tin trong RSS")
    response = client.get(reverse("congress:article_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Tin trong RSS" in response.content.decode()


def test_sitemap_lists_articles_and_documents(client, ward):
    article = ArticleFactory()
    document = DocumentFactory()
    hidden = DocumentFactory(hidden=True)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-news.xml</loc>" in index and "/sitemap-documents.xml</loc>" in index
    news = client.get("/sitemap-news.xml").content.decode()
    documents = client.get("/sitemap-documents.xml").content.decode()
    assert article.get_absolute_url() in news
    assert document.get_absolute_url() in documents
    assert hidden.get_absolute_url() not in documents


def test_home_shows_featured_and_latest(client, ward):
    ArticleFactory(title="Tin nổi bật trang chủ", is_featured=True)
    ArticleFactory(title="Tin mới trang chủ")
    html = client.get("/").content.decode()
    assert "Tin nổi bật trang chủ" in html and "Tin mới trang chủ" in html


@override_settings(NEWS_PAGE_SIZE=3, PAGE_CACHE_SECONDS=0)
def test_a_kept_anchor_is_read_not_written_again(ward, monkeypatch):
    """A deep page read twice writes its anchors once: the second read finds both."""
    from datetime import timedelta

    from django.core.cache import cache
    from django.utils import timezone

    from congress.selectors import article_page

    now = timezone.now()
    articles = [ArticleFactory(published_at=now - timedelta(hours=n)) for n in range(1, 11)]
    writes = []
    real_set = cache.set
    monkeypatch.setattr(
        cache, "set", lambda key, *a, **k: writes.append(key) or real_set(key, *a, **k)
    )
    page = article_page(number=2, per_page=3)
    assert list(page) == articles[3:6]
    anchors = [key for key in writes if key.startswith("pagecache:")]
    assert anchors  # this page's start and the next page's
    writes.clear()
    assert list(article_page(number=2, per_page=3)) == articles[3:6]
    assert [key for key in writes if key.startswith("pagecache:")] == []
    # Page 3 finds its own anchor (written by page 2) and writes only page 4's.
    assert list(article_page(number=3, per_page=3)) == articles[6:9]
    assert len([key for key in writes if key.startswith("pagecache:")]) == 1
