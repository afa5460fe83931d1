"""The news benchmark generator: its own command name, and rows as save() would make them."""

import pytest
from django.core.management import CommandError, call_command, get_commands

from congress.models import Article, ArticleImage, Document
from congress.sanitize import html_to_text
from feedback.models import Feedback
from portal.search.registry import index_text
from portal.text import fold

pytestmark = pytest.mark.django_db


def test_both_generators_have_their_own_name():
    """Each generator has a name of its own (one used to shadow the other)."""
    commands = get_commands()
    assert commands["generate_news_bench_data"] == "demo"
    assert commands["generate_dossier_bench_data"] == "demo"
    assert commands["generate_feedback_bench_data"] == "demo"


def test_news_generator_makes_searchable_published_articles(ward, client):
    call_command("generate_news_bench_data", articles=12, documents=3, verbosity=0)
    assert Article.objects.count() == 12
    assert ArticleImage.objects.count() == 24
    assert Document.objects.count() == 3
    article = Article.objects.published().first()
    assert article.search_title == index_text(article.title)
    assert article.search_text == index_text(
        article.title, article.summary, html_to_text(article.body)
    )
    assert client.get(article.get_absolute_url()).status_code == 200
    with pytest.raises(CommandError, match="--yes"):
        call_command("generate_news_bench_data", articles=1, documents=0, verbosity=0)


def test_feedback_generator_makes_public_searchable_reports(ward, client):
    call_command("generate_feedback_bench_data", reports=30, verbosity=0)
    assert Feedback.objects.published().count() == 30
    item = Feedback.objects.published().first()
    assert item.search_text == fold(f"{item.public_title} {item.public_content} {item.answer}")
    assert item.events.count() == 1
    assert client.get(item.get_absolute_url()).status_code == 200
    listing = client.get("/phan-anh-kien-nghi/", {"q": "ra ton dong"})
    assert listing.status_code == 200
    with pytest.raises(CommandError, match="--yes"):
        call_command("generate_feedback_bench_data", reports=1, verbosity=0)
