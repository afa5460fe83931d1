"""Site search: diacritics and case ignored, ranked, snippets, pages, clear empty state."""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

import congress.search
from congress.models import Article, Document
from portal.search import registry as search
from tests.congress.factories import ArticleFactory, DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(ward):
    return {
        "title": ArticleFactory(
            title="Đại hội Đảng bộ phường An Phong lần thứ I",
            summary="Khai mạc trọng thể với 160 đại biểu.",
        ),
        "text": ArticleFactory(
            title="Chuyển đổi số trong hành chính",
            summary="Tiếp tục thực hiện Nghị quyết Đại hội về chuyển đổi số.",
        ),
        "other": ArticleFactory(title="Thời tiết cuối tuần", summary="Trời nắng nhẹ."),
        "draft": ArticleFactory(title="Đại hội nháp", draft=True),
        "document": DocumentFactory(
            number="01-NQ/ĐH", summary="Nghị quyết Đại hội đại biểu Đảng bộ phường."
        ),
    }


def _titles(client, q):
    response = client.get(reverse("portal:search"), {"q": q})
    assert response.status_code == 200
    return [h.title for h in response.context["hits"]]


@pytest.mark.parametrize(
    "q",
    ["dai hoi", "ĐẠI HỘI", "Đại hội", unicodedata.normalize("NFD", "Đại hội"), "  đại   HỘI "],
)
def test_same_results_whatever_the_case_and_diacritics(client, corpus, q):
    # Not the draft (the publication rule holds in search too), nor "Thời tiết cuối tuần"
    # ("thoi" is not a word starting with "hoi"). Title phrase, then phrase in the text.
    assert _titles(client, q) == [
        "Đại hội Đảng bộ phường An Phong lần thứ I",
        "Quyết định số 01-NQ/ĐH",
        "Chuyển đổi số trong hành chính",
    ]


def test_title_matches_rank_above_text_matches(client, corpus):
    # Newer, but the words are only in its text.
    ArticleFactory(title="Hội nghị cán bộ", summary="Bàn về chuyển đổi số ở phường.")
    assert _titles(client, "chuyen doi so") == [
        "Chuyển đổi số trong hành chính",
        "Hội nghị cán bộ",
    ]


def test_ranked_by_score_then_newest_first(client, ward):
    """The database ranks the candidates: title phrase, every word in the title, phrase in
    the text, words anywhere; equal scores newest first (then the later id)."""
    now = timezone.now()
    day = datetime.timedelta(days=1)
    made = {
        "words old": ArticleFactory(title="Hội nghị đại biểu", published_at=now - 9 * day),
        "anywhere": ArticleFactory(
            title="Tin tức", summary="Hội trường đại học", published_at=now - day
        ),
        "phrase": ArticleFactory(title="Đại hội lần thứ I", published_at=now - 8 * day),
        "text": ArticleFactory(
            title="Tin vắn", summary="Chuẩn bị đại hội chi bộ", published_at=now - 2 * day
        ),
        "words new": ArticleFactory(title="Hội thảo đại biểu", published_at=now - 3 * day),
    }
    expected = ["phrase", "words new", "words old", "text", "anywhere"]
    assert _titles(client, "dai hoi") == [made[key].title for key in expected]
    hits = search.run(search.Query.parse("dai hoi"), limit=2)
    assert [h.title for h in hits[0]] == [made[key].title for key in expected[:2]]
    assert hits[1] is True  # more than the limit matched


def test_an_underscore_typed_is_a_character_not_a_wildcard(client, ward):
    """LIKE's "_" matches any character: the query's words are escaped for LIKE."""
    ArticleFactory(title="Hồ sơ trực tuyến")
    ArticleFactory(title="Mã ho_so trong hệ thống")
    assert _titles(client, "ho_so") == ["Mã ho_so trong hệ thống"]


def test_hit_date_is_the_local_day(client, ward, clock):
    """23:30 UTC is 06:30 the next morning in Hải Phòng (UTC+7)."""
    clock.now = datetime.datetime(2025, 10, 20, 9, 0, tzinfo=datetime.UTC)  # published by then
    at = datetime.datetime(2025, 10, 14, 23, 30, tzinfo=datetime.UTC)
    ArticleFactory(title="Khai mạc Đại hội", published_at=at)
    html = client.get(reverse("portal:search"), {"q": "khai mac"}).content.decode()
    assert '<time datetime="2025-10-15">15/10/2025</time>' in html


def test_snippet_highlights_terms_in_the_original_spelling(client, corpus):
    response = client.get(reverse("portal:search"), {"q": "dai bieu"})
    html = response.content.decode()
    assert "<mark>đại</mark> <mark>biểu</mark>" in html


def test_nothing_found_says_so(client, corpus):
    response = client.get(reverse("portal:search"), {"q": "khongtontai"})
    assert response.status_code == 200
    assert "Không tìm thấy kết quả nào cho “khongtontai”" in response.content.decode()


def test_empty_and_punctuation_queries(client, corpus):
    empty = client.get(reverse("portal:search"))
    assert empty.status_code == 200 and "Nhập từ khóa" in empty.content.decode()
    punctuation = client.get(reverse("portal:search"), {"q": "!!!"})
    assert punctuation.status_code == 200
    assert "không có chữ hoặc số" in punctuation.content.decode()


def test_query_is_kept_in_the_box(client, corpus):
    response = client.get(reverse("portal:search"), {"q": "Đại hội"})
    assert response.status_code == 200
    assert 'value="Đại hội"' in response.content.decode()


def test_results_paginate(client, ward):
    for n in range(25):
        ArticleFactory(title=f"Hội nghị chuyên đề {n}")
    first = client.get(reverse("portal:search"), {"q": "hoi nghi"})
    assert len(first.context["hits"]) == 20
    second = client.get(reverse("portal:search"), {"q": "hoi nghi", "page": 2})
    assert len(second.context["hits"]) == 5
    assert client.get(reverse("portal:search"), {"q": "hoi nghi", "page": 9}).status_code == 404


def test_snippet_helper_maps_folded_positions_back():
    html = search.snippet("Ông Lê Khắc Nguyên Anh phát biểu", ("nguyen", "anh"))
    assert html == "Ông Lê Khắc <mark>Nguyên</mark> <mark>Anh</mark> phát biểu"


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        # A decomposed "ê" + tone: two chars fold to one, positions shift.
        (
            "Ông Lê Khắc Nguye\u0302\u0303n Anh",
            "Ông Lê Khắc <mark>Nguye\u0302\u0303n</mark> <mark>Anh</mark>",
        ),
        # "ß" folds to two chars ("ss"): positions shift the other way.
        ("Straße Nguyên Anh", "Straße <mark>Nguyên</mark> <mark>Anh</mark>"),
    ],
)
def test_snippet_maps_positions_back_when_folding_changes_the_length(text, marked):
    assert search.snippet(text, ("nguyen", "anh")) == marked


def test_snippet_escapes_html():
    assert search.snippet("<script> đại hội", ("dai",)) == "&lt;script&gt; <mark>đại</mark> hội"


def test_a_new_provider_plugs_in(client, corpus):
    class Fake(search.Provider):
        kind = "fake"
        label = "Thử"

        def search(self, query, limit):
            return [search.Hit(title="Kết quả cắm thêm", url="/", kind="fake", score=1000)]

    with search.registered(Fake):
        assert any(isinstance(p, Fake) for p in search.providers())
        assert _titles(client, "dai hoi")[0] == "Kết quả cắm thêm"
    assert not any(isinstance(p, Fake) for p in search.providers())


def test_registered_leaves_a_provider_registered_before_in_place():
    kinds = [p.kind for p in search.providers()]
    already = type(search.providers()[0])
    with search.registered(already):
        assert [p.kind for p in search.providers()] == kinds  # not twice
    assert [p.kind for p in search.providers()] == kinds


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL index")
@pytest.mark.parametrize(
    ("model", "index"),
    [(Article, "congress_article_search_words"), (Document, "congress_document_search_words")],
)
def test_postgres_word_starts_use_the_search_words_index(corpus, model, index):
    """Migration 0006: on PostgreSQL the word-start filter asks the generated tsvector,
    served by its GIN index instead of reading the table."""
    query = model.objects.filter(search.AllWordStarts([" hoi", " nghi"])).query
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert index in plan
    assert "search_words @@" in plan and "LIKE" not in plan and "~~" not in plan


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL index")
def test_postgres_search_words_are_the_folded_words_as_they_stand(ward):
    """Lexemes are the words of search_text unparsed (an underscore stays, no stemming);
    a word too long for PostgreSQL (over 2 KB) is left out instead of refusing the save."""
    article = ArticleFactory(title="Mã ho_so trong hệ thống", body="<p>" + "x" * 3000 + " cuối</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_words::text FROM congress_article WHERE id = %s", [article.pk]
        )
        words = cursor.fetchone()[0]
    assert "'ho_so'" in words and "'cuoi'" in words and "xxx" not in words


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL storage")
def test_postgres_keeps_searched_rows_uncompressed_up_to_8_kb(ward):
    """Migration 0005: a search reads search_text several times per candidate row;
    compressed, each read decompressed it again. A 3 KB row now stays as written."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
            [["congress_article", "congress_document"]],
        )
        options = dict(cursor.fetchall())
    assert options == {
        "congress_article": ["toast_tuple_target=8160"],
        "congress_document": ["toast_tuple_target=8160"],
    }
    article = ArticleFactory(body="<p>" + "Đại hội đại biểu Đảng bộ phường. " * 40 + "</p>")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(search_text), pg_column_compression(body) "
            "FROM congress_article WHERE id = %s",
            [article.pk],
        )
        assert cursor.fetchone() == (None, None)


@pytest.fixture
def two_candidates(monkeypatch):
    """Rank only the 2 newest matches (CANDIDATES is read at each search)."""
    from congress import search as news_search

    monkeypatch.setattr(news_search, "CANDIDATES", 2)


def test_only_the_newest_matches_are_ranked(client, ward, two_candidates):
    """A word in every row (such as "phuong") costs a walk of CANDIDATES rows, for
    articles and documents alike: an older match is not ranked, however good."""
    now = timezone.now()
    day = datetime.timedelta(days=1)
    ArticleFactory(title="Hội nghị tổng kết", published_at=now - 9 * day)  # title match
    for n in (1, 2):
        ArticleFactory(
            title=f"Tin số {n}", summary="Dự hội nghị tổng kết", published_at=now - n * day
        )
    DocumentFactory(summary="Hội nghị tổng kết năm", issued_on=datetime.date(2025, 7, 2))
    for d in (10, 11):
        DocumentFactory(summary="Mời dự hội nghị", issued_on=datetime.date(2025, 8, d))
    hits = client.get(reverse("portal:search"), {"q": "hoi nghi"}).context["hits"]
    assert [h.title for h in hits if h.kind == "article"] == ["Tin số 1", "Tin số 2"]
    documents = [h.date for h in hits if h.kind == "document"]
    assert documents == [datetime.date(2025, 8, 11), datetime.date(2025, 8, 10)]


def test_word_starts_filter_needs_a_word():
    with pytest.raises(ValueError, match="at least one word"):
        search.AllWordStarts([])


def test_documents_register_filter_matches_word_starts(client, ward):
    """/van-ban/?q= uses the same word-start rule as the site search, on both databases."""
    DocumentFactory(number="01-KH/UBND", summary="Kế hoạch chuyển đổi số năm 2026")
    DocumentFactory(number="02-KH/UBND", summary="Khoanh vùng ngập úng")
    response = client.get(reverse("congress:document_list"), {"q": "ke hoach"})
    numbers = [d.number for d in response.context["page_obj"].object_list]
    assert numbers == ["01-KH/UBND"]


@pytest.mark.parametrize(
    ("provider", "kind"), [("ArticleSearch", "article"), ("DocumentSearch", "document")]
)
def test_an_older_match_behind_many_newer_non_matches_is_found(ward, monkeypatch, provider, kind):
    """The candidates are the newest matches, not the newest rows then filtered: the
    word-start filter must name the sub-select's own table (U0), never the outer one."""
    monkeypatch.setattr(congress.search, "CANDIDATES", 3)
    now = timezone.now()
    if kind == "article":
        match = ArticleFactory(
            title="Hội nghị cán bộ", published_at=now - datetime.timedelta(days=30)
        )
        for day in range(5):
            ArticleFactory(
                title=f"Thời tiết {day}", published_at=now - datetime.timedelta(days=day)
            )
    else:
        match = DocumentFactory(
            number="09-KH",
            summary="Kế hoạch hội nghị cán bộ",
            issued_on=(now - datetime.timedelta(days=30)).date(),
        )
        for day in range(5):
            DocumentFactory(
                number=f"1{day}-TB",
                summary="Thông báo lịch tiếp dân",
                issued_on=(now - datetime.timedelta(days=day)).date(),
            )
    hits = getattr(congress.search, provider)().search(search.Query.parse("hoi nghi"), 10)
    assert [h.url for h in hits] == [match.get_absolute_url()]
