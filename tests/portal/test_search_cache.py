"""The site search keeps merged results per set of folded words (SEARCH_CACHE_SECONDS).

Every spelling of a query shares them; a change of public content and a scheduled
article reaching its time show at once, as for cached pages.
"""

import unicodedata
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.congress.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ward")]


def _titles(client, q):
    response = client.get(reverse("portal:search"), {"q": q})
    assert response.status_code == 200
    return [hit.title for hit in response.context["hits"]]


def _provider_queries(client, q):
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("portal:search"), {"q": q})
    tables = ("congress_article", "congress_document", "procedures_procedure", "personnel_person")
    return [x["sql"] for x in ctx.captured_queries if any(t in x["sql"] for t in tables)]


@override_settings(PAGE_CACHE_SECONDS=0)
def test_every_spelling_shares_the_results(client):
    ArticleFactory(title="Đại hội Đảng bộ phường")
    first = _titles(client, "Đại hội")
    assert first == ["Đại hội Đảng bộ phường"]
    for spelling in ["dai hoi", "ĐẠI HỘI", unicodedata.normalize("NFD", "Đại  hội")]:
        assert _provider_queries(client, spelling) == []
        assert _titles(client, spelling) == first


@override_settings(PAGE_CACHE_SECONDS=0)
def test_word_order_makes_another_search(client):
    ArticleFactory(title="Đại hội Đảng bộ phường")
    _titles(client, "dai hoi")
    assert _provider_queries(client, "hoi dai") != []  # another phrase, another ranking


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_new_or_edited_article_shows_at_once(client):
    article = ArticleFactory(title="Đại hội Đảng bộ phường")
    assert _titles(client, "dai hoi") == [article.title]
    newer = ArticleFactory(title="Đại hội đại biểu lần thứ I")
    assert set(_titles(client, "dai hoi")) == {article.title, newer.title}
    article.title = "Hội nghị Ban Chấp hành"
    article.save()
    assert _titles(client, "dai hoi") == [newer.title]


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_scheduled_article_appears_when_its_time_comes(client, clock):
    now = clock.now
    ArticleFactory(title="Đại hội chi bộ khu dân cư", published_at=now - timedelta(hours=1))
    # Due in 30 s: well within SEARCH_CACHE_SECONDS (60), so only the schedule can end
    # the cached results in time.
    ArticleFactory(title="Đại hội Đảng bộ phường", published_at=now + timedelta(seconds=30))
    assert _titles(client, "dai hoi") == ["Đại hội chi bộ khu dân cư"]
    clock.advance(seconds=29)
    assert _titles(client, "dai hoi") == ["Đại hội chi bộ khu dân cư"]
    clock.advance(seconds=1)
    assert _titles(client, "dai hoi") == ["Đại hội Đảng bộ phường", "Đại hội chi bộ khu dân cư"]


@override_settings(PAGE_CACHE_SECONDS=0, SEARCH_CACHE_SECONDS=0)
def test_zero_turns_the_results_cache_off(client):
    ArticleFactory(title="Đại hội Đảng bộ phường")
    _titles(client, "dai hoi")
    assert _provider_queries(client, "dai hoi") != []
