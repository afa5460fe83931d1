"""News cards and register rows are kept in the cache as drawn, under their object's version.

A card or row must change as soon as what it shows changes (its object, its category or
issuing body), and must survive changes to other objects (that is what it is for).
"""

import re

import pytest
from django.urls import reverse

from congress.models import Article
from tests.congress.factories import (
    ArticleFactory,
    CategoryFactory,
    DocumentFactory,
    IssuingBodyFactory,
)

pytestmark = pytest.mark.django_db


def _page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_an_edited_article_shows_its_new_card_everywhere(client, ward):
    article = ArticleFactory(title="Hội nghị lần một", summary="Tóm tắt cũ.", is_featured=True)
    for name in ("congress:article_list", "portal:home"):
        assert "Hội nghị lần một" in _page(client, name)
    article.title = "Hội nghị lần hai"
    article.summary = "Tóm tắt mới."
    article.save()
    for name in ("congress:article_list", "portal:home"):
        html = _page(client, name)
        assert "Hội nghị lần hai" in html and "Hội nghị lần một" not in html
    assert "Tóm tắt mới." in _page(client, "congress:article_list")


def test_a_renamed_category_shows_in_every_card(client, ward):
    category = CategoryFactory(name="Tin cũ")
    ArticleFactory(title="Bài trong chuyên mục", category=category)
    assert "Tin cũ" in _page(client, "congress:article_list")
    category.name = "Tin Đại hội"
    category.slug = "tin-dai-hoi-moi"
    category.save()
    html = _page(client, "congress:article_list")
    card = html.split("Bài trong chuyên mục")[1].split("</article>")[0]
    assert "Tin Đại hội" in card and "/chuyen-muc/tin-dai-hoi-moi/" in card
    assert "Tin cũ" not in html


def test_cards_are_reused_when_another_article_is_published(client, ward, monkeypatch):
    ArticleFactory(title="Bài đã có")
    _page(client, "congress:article_list")
    drawn = []
    real = Article.get_absolute_url
    monkeypatch.setattr(
        Article, "get_absolute_url", lambda self: drawn.append(self.title) or real(self)
    )
    ArticleFactory(title="Bài mới đăng")
    html = _page(client, "congress:article_list")
    assert "Bài đã có" in html and "Bài mới đăng" in html
    # Only the new card was drawn; the other came from the cache as it was.
    assert drawn == ["Bài mới đăng"]


def test_an_edited_document_or_body_shows_in_the_register(client, ward):
    body = IssuingBodyFactory(name="UBND phường An Phong")
    document = DocumentFactory(number="05/QĐ-UBND", summary="Trích yếu cũ", issuing_body=body)
    assert "Trích yếu cũ" in _page(client, "congress:document_list")
    document.summary = "Trích yếu mới"
    document.save()
    html = _page(client, "congress:document_list")
    assert "Trích yếu mới" in html and "Trích yếu cũ" not in html
    body.name = "Ủy ban nhân dân phường An Phong"
    body.save()
    html = _page(client, "congress:document_list")
    row = html.split("05/QĐ-UBND")[1].split("</tr>")[0]
    assert "Ủy ban nhân dân phường An Phong" in row


def _q_input(html):
    return re.search(r'<input\b[^>]*\bid="id_q"[^>]*>', html).group(0)


def test_the_register_filter_keeps_what_was_typed(client, ward):
    DocumentFactory()
    url = reverse("congress:document_list")
    assert "value=" not in _q_input(client.get(url).content.decode())
    typed = client.get(url, {"q": "kiện toàn"}).content.decode()
    assert 'value="kiện toàn"' in _q_input(typed)
    # The cached unfiltered form is not served for the filtered page, nor the reverse.
    assert "value=" not in _q_input(client.get(url).content.decode())
