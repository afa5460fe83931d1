"""The rich-text editor of the article page speaks Vietnamese: its dialogs through Django's
JavaScript catalogue (the way django-prose-editor translates), its menu buttons through
static/js/prose-editor-vi.js reading the same catalogue (the browser journey in
tests/browser/test_news.py sees the Vietnamese titles)."""

import json
import re
from pathlib import Path

import django_prose_editor
import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.congress.factories import ArticleFactory

pytestmark = pytest.mark.django_db

EDITOR_JS = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"


@pytest.fixture
def editor(client):
    user = User.objects.create_user("bientapvien", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="congress"))
    client.force_login(user)
    return user


def catalogue(client):
    """The Vietnamese JavaScript catalogue the admin pages load (admin:jsi18n)."""
    script = client.get(reverse("admin:jsi18n")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))


def editor_labels():
    """Every English label the installed editor shows: the strings it passes to gettext,
    and the fixed titles of its menu buttons."""
    source = EDITOR_JS.read_text()
    gettext = re.search(r"(\w+)=window\.gettext\|\|", source).group(1)
    labels = set(re.findall(rf'\b{gettext}\("((?:[^"\\]|\\.)*)"\)', source))
    labels |= set(re.findall(r'\.material\("[^"]*","([^"]+)"\)', source))
    labels |= set(re.findall(r'\.svg\(`[^`]*`,"([^"]+)"\)', source))
    # The names in the block-type dropdown ("Heading 2" goes through "heading %s").
    labels |= set(re.findall(r'option:\w+\("\w+",\{textContent:"([^"]+)"\}\)', source))
    return {label.encode().decode("unicode_escape") for label in labels}


def test_article_page_loads_the_vietnamese_catalogue_and_labels_before_the_editor(client, editor):
    article = ArticleFactory()
    html = client.get(reverse("admin:congress_article_change", args=[article.pk])).text
    assert '<html lang="vi"' in html
    catalogue_at = html.index(f'src="{reverse("admin:jsi18n")}"')
    labels_at = html.index("js/prose-editor-vi.js")
    editor_at = html.index("django_prose_editor/configurable.js")
    assert catalogue_at < labels_at < editor_at
    assert "data-django-prose-editor-configurable" in html

    script = Path(finders.find("js/prose-editor-vi.js")).read_text()
    assert '"prose-editor:ready"' in script
    assert 'gettext("heading %s")' in script


def test_every_label_of_the_editor_has_its_vietnamese(client, editor):
    labels = editor_labels()
    assert {"bold", "Insert table", "Add column", "Edit Link", "Cancel", "Paragraph"} <= labels
    vietnamese = catalogue(client)
    missing = sorted(label for label in labels if not vietnamese.get(label))
    assert not missing, f"no Vietnamese for: {missing}"
    assert vietnamese["bold"] == "In đậm"
    assert vietnamese["Insert Table"] == "Chèn bảng"
    assert vietnamese["Cancel"] == "Hủy"
    assert vietnamese["heading %s"] == "Tiêu đề cấp %s"
