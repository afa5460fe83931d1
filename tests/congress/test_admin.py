"""Admin smoke tests and the permission matrix for the news and documents admin."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from congress.constants import ArticleStatus
from congress.models import Article
from tests.congress.factories import ArticleFactory, CategoryFactory, DocumentFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

PAGES = [
    "admin:congress_article_changelist",
    "admin:congress_article_add",
    "admin:congress_category_changelist",
    "admin:congress_document_changelist",
    "admin:congress_document_add",
    "admin:congress_issuingbody_changelist",
]


@pytest.fixture
def editor(client):
    user = User.objects.create_user("bientapvien", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="congress"))
    client.force_login(user)
    return user


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_staff_without_permission_is_refused(client, name):
    client.force_login(User.objects.create_user("khach", password="x", is_staff=True))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_editor_sees_the_pages(client, editor, name):
    ArticleFactory()
    DocumentFactory()
    assert client.get(reverse(name)).status_code == 200


def test_change_form_loads_the_editor_with_a_nonce(client, editor):
    article = ArticleFactory()
    response = client.get(reverse("admin:congress_article_change", args=[article.pk]))
    html = response.content.decode()
    assert "django_prose_editor/editor.js" in html
    nonce = html.split('<script type="importmap" nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_public_pages_carry_no_nonce(client, ward):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url())
    assert "nonce-" not in response["Content-Security-Policy"]


def test_editor_adds_an_article_with_a_gallery(client, editor, ward):
    category = CategoryFactory(name="Tin Đại hội")
    data = {
        "title": "Đoàn đại biểu dự Đại hội",
        "slug": "",
        "category": category.pk,
        "summary": "Sapo",
        "body": '<p onclick="x()">Nội dung <script>alert(1)</script></p>',
        "cover_alt": "",
        "status": "published",
        "published_at_0": "14/08/2025",
        "published_at_1": "08:00",
        "author": "",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "images-0-image": SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"),
        "images-0-caption": "Đại biểu dự Đại hội",
        "images-0-alt": "Đại biểu ngồi trong hội trường",
        "images-0-credit": "",
        "images-0-order": "0",
    }
    response = client.post(reverse("admin:congress_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "doan-dai-bieu-du-dai-hoi"
    assert article.body == "<p>Nội dung </p>"
    assert [r["w"] for r in article.images.get().renditions] == [480, 960, 1200]


def test_gallery_image_without_caption_or_alt_is_refused(client, editor):
    category = CategoryFactory()
    data = {
        "title": "Bài có ảnh thiếu chú thích",
        "category": category.pk,
        "summary": "Sapo",
        "body": "<p>x</p>",
        "status": "draft",
        "published_at_0": "14/08/2025",
        "published_at_1": "08:00",
        "images-TOTAL_FORMS": "1",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "images-0-image": SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"),
        "images-0-caption": "",
        "images-0-alt": "",
        "images-0-order": "0",
    }
    response = client.post(reverse("admin:congress_article_add"), data)
    assert response.status_code == 200
    required = ["Thông tin này là bắt buộc."]
    assert response.context["inline_admin_formsets"][0].formset.errors == [
        {"caption": required, "alt": required}
    ]
    assert not Article.objects.exists()


def test_publish_and_unpublish_actions(client, editor, ward):
    article = ArticleFactory(draft=True)
    url = reverse("admin:congress_article_changelist")
    response = client.post(url, {"action": "publish_now", "_selected_action": [article.pk]})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.is_public is True
    assert Client().get(article.get_absolute_url()).status_code == 200  # anonymous
    response = client.post(url, {"action": "unpublish", "_selected_action": [article.pk]})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT
    assert article.is_public is False
    assert Client().get(article.get_absolute_url()).status_code == 404  # editors may preview


def test_slug_is_read_only_after_publication(client, editor):
    article = ArticleFactory()
    html = client.get(reverse("admin:congress_article_change", args=[article.pk])).content
    assert b'name="slug"' not in html
