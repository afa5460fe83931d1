"""The PostgreSQL statements of the news and documents search give exactly what their
QuerySets give: same candidates (published, public, newest first), scores and order.

The QuerySets (`rows`) are the reference and the SQLite path; `rows_postgresql` repeats
their publication rule in SQL for speed (congress/search.py), and this test holds it there.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from congress import search as congress_search
from congress.search import ArticleSearch, DocumentSearch
from portal.search.registry import Query
from tests.congress.factories import ArticleFactory, DocumentFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL statements"),
]

QUERIES = ["đại hội", "dai hoi", "Đại", "hội nghị tổng kết", "phường", "ngân sách", "không có"]


@pytest.fixture
def news(ward):
    now = timezone.now()
    ArticleFactory(title="Đại hội Đảng bộ phường", published_at=now - timedelta(days=1))
    ArticleFactory(title="Hội nghị về đại hội", published_at=now - timedelta(days=2))
    ArticleFactory(
        title="Tin phường",
        summary="Chuẩn bị đại hội",
        body="<p>Đại hội lần thứ nhất.</p>",
        published_at=now - timedelta(days=3),
    )
    ArticleFactory(title="Hội nghị tổng kết", body="<p>Đại biểu dự hội nghị.</p>")
    ArticleFactory(title="Đại hội (bản nháp)", draft=True)
    ArticleFactory(title="Đại hội (hẹn giờ)", scheduled=True)
    # Equal scores and equal dates: the id decides, in both paths.
    same = now - timedelta(days=5)
    for n in range(3):
        ArticleFactory(title=f"Ngân sách phường {n}", published_at=same)
    DocumentFactory(summary="Nghị quyết Đại hội đại biểu", issued_on=date(2025, 9, 1))
    DocumentFactory(summary="Kế hoạch tổ chức đại hội", issued_on=date(2025, 8, 1))
    DocumentFactory(summary="Quyết định về ngân sách phường", issued_on=date(2025, 8, 1))
    DocumentFactory(summary="Đại hội (không công khai)", hidden=True)


@pytest.mark.parametrize("text", QUERIES)
def test_article_statement_equals_the_querysets(news, text):
    query = Query.parse(text)
    words = query.word_prefixes()
    expected = ArticleSearch.rows(query, words, 20)
    assert ArticleSearch.rows_postgresql(query, words, 20) == expected


@pytest.mark.parametrize("text", QUERIES)
def test_document_statement_equals_the_querysets(news, text):
    query = Query.parse(text)
    assert DocumentSearch.rows_postgresql(query, 20) == DocumentSearch.rows(query, 20)


def test_both_paths_keep_only_the_newest_candidates_and_the_limit(news, monkeypatch):
    monkeypatch.setattr(congress_search, "CANDIDATES", 2)
    for text in QUERIES:
        query = Query.parse(text)
        words = query.word_prefixes()
        assert ArticleSearch.rows_postgresql(query, words, 1) == ArticleSearch.rows(query, words, 1)
        assert DocumentSearch.rows_postgresql(query, 1) == DocumentSearch.rows(query, 1)


def test_the_statements_never_show_a_draft_a_scheduled_or_a_hidden_row(news):
    query = Query.parse("đại hội")
    titles = [row[1] for row in ArticleSearch.rows_postgresql(query, query.word_prefixes(), 20)]
    assert titles and not [t for t in titles if "nháp" in t or "hẹn giờ" in t]
    summaries = [row[3] for row in DocumentSearch.rows_postgresql(query, 20)]
    assert summaries and "Đại hội (không công khai)" not in summaries
