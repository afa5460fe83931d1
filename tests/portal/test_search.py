"""Site search across the apps: people and organs by name (issue 4), procedures (issue 5).

The same rules as the news search: case and diacritics ignored (NFC or decomposed
input), every word typed must start a word, publication rules hold, hits carry public
data only, and the number of queries does not grow with the number of hits.
"""

import datetime
import unicodedata

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from portal.models import WardProfile
from procedures.models import Procedure
from tests.personnel.factories import (
    AppointmentFactory,
    OrganFactory,
    PersonFactory,
    TermFactory,
)
from tests.procedures.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(ward):
    """The demo organisation (the three known key officials) and the demo procedures."""
    call_command(
        "loaddata",
        "fixtures/demo/050_organisation.json",
        "fixtures/demo/050_procedures.json",
        verbosity=0,
    )


def _hits(client, q, *, kind=None, lang_prefix=""):
    response = client.get(lang_prefix + reverse("portal:search"), {"q": q})
    assert response.status_code == 200
    hits = response.context["hits"]
    return [h for h in hits if kind is None or h.kind == kind], response


def _titles(client, q, kind=None):
    return [h.title for h in _hits(client, q, kind=kind)[0]]


@pytest.mark.parametrize(
    "q",
    [
        "le khac nguyen anh",
        "LÊ KHẮC NGUYÊN ANH",
        unicodedata.normalize("NFD", "Lê Khắc Nguyên Anh"),
        "nguyen anh",
        "  Lê   khắc ",
    ],
)
def test_person_found_by_name_whatever_case_and_diacritics(client, demo, q):
    hits, _response = _hits(client, q, kind="person")
    assert hits[0].title == "Lê Khắc Nguyên Anh"
    assert hits[0].url == "/nhan-su/le-khac-nguyen-anh/"
    assert "Bí thư" in hits[0].excerpt  # the hit says who the person is: their posts


def test_whole_name_ranks_first_among_people(client, ward):
    term = TermFactory()
    exact = PersonFactory(full_name="Nguyễn Văn Anh")
    AppointmentFactory(person=exact, term=term)
    longer = PersonFactory(full_name="Nguyễn Văn Anh Tuấn")
    AppointmentFactory(person=longer, term=term)
    assert _titles(client, "nguyen van anh", kind="person") == [
        "Nguyễn Văn Anh",
        "Nguyễn Văn Anh Tuấn",
    ]


def test_words_must_start_a_word_of_the_name(client, ward):
    AppointmentFactory(person=PersonFactory(full_name="Trần Thị Thanh"))
    assert _titles(client, "anh", kind="person") == []  # "anh" is inside "thanh", not a word
    assert _titles(client, "thanh", kind="person") == ["Trần Thị Thanh"]


def test_only_people_with_a_current_or_past_post_are_found(client, ward, clock):
    today = timezone.localdate()
    AppointmentFactory(person=PersonFactory(full_name="Phạm Hiện Tại"))
    AppointmentFactory(
        person=PersonFactory(full_name="Phạm Đã Thôi"),
        term=TermFactory(previous=True),
        ended=True,
    )
    PersonFactory(full_name="Phạm Chưa Bổ Nhiệm")  # no post at all
    AppointmentFactory(
        person=PersonFactory(full_name="Phạm Sắp Nhận"),
        start_date=today + datetime.timedelta(days=10),
    )
    hits, _response = _hits(client, "pham", kind="person")
    assert sorted(h.title for h in hits) == ["Phạm Hiện Tại", "Phạm Đã Thôi"]
    former = next(h for h in hits if h.title == "Phạm Đã Thôi")
    assert "Nguyên Ủy viên" in former.excerpt and "2020–2025" in former.excerpt


def test_person_hits_never_show_contacts(client, ward):
    hidden = PersonFactory(
        full_name="Vũ Kín Đáo", phone="0225 3777 123", email="kin@anphong.example"
    )
    AppointmentFactory(person=hidden)
    shown = PersonFactory(
        full_name="Vũ Công Khai",
        phone="0225 3777 456",
        email="khai@anphong.example",
        published=True,
    )
    AppointmentFactory(person=shown)
    hits, response = _hits(client, "vu", kind="person")
    assert len(hits) == 2
    html = response.content.decode()
    for value in ["0225 3777 123", "kin@anphong.example", "0225 3777 456", "khai@anphong"]:
        assert value not in html


def test_organ_found_by_name_and_inactive_organs_are_not(client, ward):
    organ = OrganFactory(
        name="Ủy ban Kiểm tra Đảng ủy phường",
        functions="Kiểm tra, giám sát việc chấp hành Điều lệ Đảng.\n\nĐoạn thứ hai.",
    )
    OrganFactory(name="Ủy ban Kiểm tra cũ", is_active=False)
    hits, _response = _hits(client, "UY BAN KIEM TRA", kind="organ")
    assert [h.title for h in hits] == ["Ủy ban Kiểm tra Đảng ủy phường"]
    assert "giám sát" in hits[0].excerpt and "Đoạn thứ hai" not in hits[0].excerpt
    assert hits[0].url == organ.get_absolute_url() == "/to-chuc/uy-ban-kiem-tra-dang-uy-phuong/"


def test_organ_hit_is_in_english_on_english_pages(client, ward):
    organ = OrganFactory(name="Hội Cựu chiến binh phường", name_en="Veterans' Association")
    english_url = "/en" + organ.get_absolute_url()  # reversed in Vietnamese, before the request
    hits, _response = _hits(client, "cuu chien binh", kind="organ", lang_prefix="/en")
    assert [h.title for h in hits] == ["Veterans' Association"]
    assert hits[0].url == english_url


@pytest.mark.parametrize("q", ["khai sinh", "KHAI SINH", "đăng ký khai sinh", "1.001193"])
def test_birth_registration_procedure_is_found(client, demo, q):
    hits, _response = _hits(client, q, kind="procedure")
    assert hits[0].title == "Đăng ký khai sinh"
    assert hits[0].url == Procedure.objects.get(code="1.001193").get_absolute_url()
    assert hits[0].kind_label == "Thủ tục hành chính"


def test_name_match_ranks_above_summary_match(client, ward):
    ProcedureFactory(name="Cấp bản sao trích lục", summary="Liên quan việc khai sinh.")
    ProcedureFactory(name="Đăng ký lại khai sinh", summary="")
    assert _titles(client, "khai sinh", kind="procedure") == [
        "Đăng ký lại khai sinh",
        "Cấp bản sao trích lục",
    ]


def test_unpublished_procedure_is_not_found(client, ward):
    ProcedureFactory(name="Đăng ký khai sinh nháp", code="9.999999", hidden=True)
    assert _titles(client, "khai sinh nhap", kind="procedure") == []
    assert _titles(client, "9.999999", kind="procedure") == []


def test_among_names_holding_the_phrase_the_closest_comes_first(client, ward):
    """Both names hold "khai sinh"; the one the phrase is most of comes first, whatever
    the catalogue's alphabetical order ("Cấp" before "Đăng")."""
    ProcedureFactory(name="Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh", summary="")
    ProcedureFactory(name="Đăng ký khai sinh", summary="")
    assert _titles(client, "khai sinh", kind="procedure") == [
        "Đăng ký khai sinh",
        "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
    ]


def test_hits_of_every_kind_are_merged(client, demo):
    from tests.congress.factories import ArticleFactory

    ArticleFactory(title="Hướng dẫn đăng ký khai sinh trực tuyến")
    OrganFactory(name="Tổ hỗ trợ khai sinh")
    AppointmentFactory(person=PersonFactory(full_name="Đỗ Khải Sinh"))
    hits, _response = _hits(client, "khai sinh")
    assert {h.kind for h in hits} == {"article", "organ", "person", "procedure"}
    assert hits[0].title == "Đăng ký khai sinh"  # the procedure's name is the phrase


def test_nothing_found_still_says_so(client, demo):
    html = client.get(reverse("portal:search"), {"q": "khongtontai"}).content.decode()
    assert "Không tìm thấy kết quả nào cho “khongtontai”" in html


@override_settings(PAGE_CACHE_SECONDS=0)
def test_query_budget_is_constant_in_the_number_of_hits(
    client, ward, django_assert_max_num_queries
):
    """≤ 8 queries with nothing cached: one for articles (the ranked candidates with
    what a hit shows), one for documents, one each to read the procedures, the organs,
    the people with their posts (two) and the disclosures (kept in the process
    afterwards, see below)
    and one for the next scheduled publication (the results' cache timeout), whatever
    the hits."""
    from django.core.cache import cache

    from tests.congress.factories import ArticleFactory

    def measure():
        cache.clear()
        WardProfile.load()
        with django_assert_max_num_queries(8) as ctx:
            response = client.get(reverse("portal:search"), {"q": "hoa"})
        assert response.status_code == 200
        sql = " ".join(q["sql"] for q in ctx.captured_queries)
        assert "django_session" not in sql and "auth_user" not in sql
        return len(ctx.captured_queries), len(response.context["hits"])

    def add(n):
        for _ in range(n):
            AppointmentFactory(person=PersonFactory(full_name=f"Lê Văn Hòa {_}"))
            OrganFactory(name=f"Chi hội Hòa Bình {_}")
            ProcedureFactory(name=f"Hòa giải thử {_}")
            ArticleFactory(title=f"Hòa nhạc {_}")

    add(1)
    few_queries, few_hits = measure()
    add(6)
    many_queries, many_hits = measure()
    assert few_hits == 4  # one of each kind
    assert many_hits == 20  # 28 hits: a full first page
    assert few_queries == many_queries


SMALL_SET_TABLES = (
    "procedures_procedure",
    "personnel_person",
    "personnel_organ",
    "personnel_appointment",
)


@override_settings(PAGE_CACHE_SECONDS=0, SEARCH_CACHE_SECONDS=0)
def test_small_sets_are_read_once_while_nothing_public_changes(client, ward):
    """Procedures, organs and people are read once per process and matched in Python: a
    later search asks the database only for articles and documents, and an edit (which
    bumps the page-cache version) is seen by the very next search."""
    from django.test.utils import CaptureQueriesContext

    person = PersonFactory(full_name="Lê Văn Hòa")
    AppointmentFactory(person=person)
    OrganFactory(name="Chi hội Hòa Bình")
    procedure = ProcedureFactory(name="Hòa giải ở cơ sở")
    first = {h.kind for h in _hits(client, "hoa")[0]}
    assert first == {"person", "organ", "procedure"}

    with CaptureQueriesContext(connection) as ctx:
        hits, _response = _hits(client, "hoa binh")
    assert [h.title for h in hits if h.kind == "organ"] == ["Chi hội Hòa Bình"]
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert not [table for table in SMALL_SET_TABLES if table in sql]
    assert len(ctx.captured_queries) == 2  # articles, documents

    procedure.is_published = False
    procedure.save()
    person.full_name = "Lê Văn Hòa Thuận"
    person.save()
    hits, _response = _hits(client, "hoa")
    assert [h.title for h in hits if h.kind == "procedure"] == []
    assert [h.title for h in hits if h.kind == "person"] == ["Lê Văn Hòa Thuận"]


@override_settings(PAGE_CACHE_SECONDS=0, SEARCH_CACHE_SECONDS=0)
def test_a_post_starting_tomorrow_makes_its_holder_searchable_tomorrow(client, ward, clock):
    """People are kept per day as well: nobody saves anything when a post begins."""
    today = timezone.localdate()
    AppointmentFactory(
        person=PersonFactory(full_name="Đỗ Ngày Mai"),
        start_date=today + datetime.timedelta(days=1),
    )
    assert _titles(client, "do ngay mai", kind="person") == []
    noon = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(12))
    )
    clock.now = noon
    assert _titles(client, "do ngay mai", kind="person") == ["Đỗ Ngày Mai"]


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL index")
@pytest.mark.parametrize(
    ("model", "column", "index"),
    [
        ("personnel.Person", "search_name", "personnel_person_search_name_trgm"),
        ("personnel.Organ", "search_name", "personnel_organ_search_name_trgm"),
        ("procedures.Procedure", "search_text", "procedures_procedure_search_text_trgm"),
    ],
)
def test_postgres_name_search_uses_the_trigram_index(ward, model, column, index):
    """The word-start patterns (`LIKE 'x%' OR LIKE '% x%'`) are served by pg_trgm GIN."""
    from django.apps import apps
    from django.db.models import Q

    queryset = apps.get_model(model).objects.filter(
        Q(**{f"{column}__startswith": "khai"}) | Q(**{f"{column}__contains": " khai"})
    )
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert index in plan
