"""The demo content loads, is idempotent, and labels its pictures and files."""

import pytest
from django.core.management import call_command

from congress.models import Article, ArticleImage, Document

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates(client, ward):
    call_command("load_demo", verbosity=0)
    counts = (Article.objects.count(), ArticleImage.objects.count(), Document.objects.count())
    call_command("load_demo", verbosity=0)
    assert counts == (
        Article.objects.count(),
        ArticleImage.objects.count(),
        Document.objects.count(),
    )
    assert counts == (13, 12, 5)
    assert Article.objects.published().count() == counts[0]
    assert ArticleImage.objects.exclude(caption__contains="minh họa").count() == 0
    assert Document.objects.filter(is_illustrative=False).count() == 0
    html = client.get("/tim-kiem/?q=chuyen+doi+so").content.decode()
    assert "Chuyển đổi số" in html
