"""The news benchmark generator: its own command name, and rows as save() would make them."""

import pytest
from django.core.management import call_command, get_commands

from congress.models import Article, ArticleImage, Document

pytestmark = pytest.mark.django_db


def test_both_generators_have_their_own_name():
    """portal's generate_bench_data used to shadow congress's command of the same name."""
    commands = get_commands()
    assert commands["generate_news_bench_data"] == "congress"
    assert commands["generate_bench_data"] == "portal"


def test_news_generator_makes_searchable_published_articles(ward, client):
    call_command("generate_news_bench_data", articles=12, documents=3, verbosity=0)
    assert Article.objects.count() == 12
    assert ArticleImage.objects.count() == 24
    assert Document.objects.count() == 3
    article = Article.objects.published().first()
    assert article.search_text.startswith(" ") and article.search_title
    assert client.get(article.get_absolute_url()).status_code == 200
    with pytest.raises(Exception, match="--yes"):
        call_command("generate_news_bench_data", articles=1, documents=0, verbosity=0)
