"""Slugs: readable ASCII from Vietnamese, unique, and stable once published."""

import pytest

from tests.congress.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_slug_from_vietnamese_title():
    article = ArticleFactory(title="Đại hội Đảng bộ phường An Phong lần thứ I")
    assert article.slug == "dai-hoi-dang-bo-phuong-an-phong-lan-thu-i"


def test_slug_collision_gets_a_suffix():
    first = ArticleFactory(title="Thông báo lịch tiếp dân")
    second = ArticleFactory(title="Thông báo lịch tiếp dân")
    assert (first.slug, second.slug) == ("thong-bao-lich-tiep-dan", "thong-bao-lich-tiep-dan-2")


def test_published_slug_survives_a_title_edit(client, ward):
    article = ArticleFactory(title="Khai mạc Đại hội")
    url = article.get_absolute_url()
    article.title = "Khai mạc trọng thể Đại hội"
    article.save()
    assert article.get_absolute_url() == url
    assert client.get(url).status_code == 200


def test_draft_slug_follows_its_title():
    article = ArticleFactory(title="Bản thảo đầu", draft=True)
    article = type(article).objects.get(pk=article.pk)
    article.title = "Tiêu đề đã sửa"
    article.save()
    assert article.slug == "tieu-de-da-sua"


def test_custom_slug_is_kept():
    article = ArticleFactory(title="Tiêu đề", slug="duong-dan-rieng", draft=True)
    article = type(article).objects.get(pk=article.pk)
    article.title = "Tiêu đề khác"
    article.save()
    assert article.slug == "duong-dan-rieng"


def test_title_is_stored_in_nfc():
    article = ArticleFactory(title="Đa\u0323i ho\u0302\u0323i")  # decomposed input
    assert article.title == "Đại hội"
