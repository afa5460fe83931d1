"""The public catalogue: filters, search, start page, fixtures, query budgets."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.models import WardProfile
from procedures.models import Procedure, ProcedureFormTemplate, Province, Ward
from tests.procedures.factories import (
    ProcedureFactory,
    ProcedureFieldFactory,
    RequiredDocumentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_procedures(ward):
    call_command("loaddata", "fixtures/demo/050_procedures.json", verbosity=0)


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


def test_catalogue_lists_published_procedures_only(client, ward):
    ProcedureFactory(name="Đăng ký khai sinh")
    ProcedureFactory(name="Thủ tục ẩn", hidden=True)
    response = client.get(reverse("procedures:procedure_list"))
    html = response.content.decode()
    assert response.status_code == 200 and h1_count(html) == 1
    assert "Đăng ký khai sinh" in html and "Thủ tục ẩn" not in html


def test_catalogue_search_ignores_diacritics_and_matches_codes(client, ward):
    ProcedureFactory(name="Đăng ký kết hôn", code="1.000894")
    ProcedureFactory(name="Chứng thực chữ ký")
    html = client.get(
        reverse("procedures:procedure_list"), {"q": "dang ky ket hon"}
    ).content.decode()
    assert "Đăng ký kết hôn" in html and "Chứng thực chữ ký" not in html
    html = client.get(reverse("procedures:procedure_list"), {"q": "1.000894"}).content.decode()
    assert "Đăng ký kết hôn" in html


def test_catalogue_filters_by_field_and_level(client, ward):
    civil = ProcedureFieldFactory(name="Hộ tịch", slug="ho-tich")
    other = ProcedureFieldFactory(name="Chứng thực", slug="chung-thuc")
    ProcedureFactory(name="Khai sinh", field=civil, service_level="full")
    ProcedureFactory(name="Kết hôn", field=civil, service_level="partial")
    ProcedureFactory(name="Bản sao", field=other, service_level="full")
    html = client.get(
        reverse("procedures:procedure_list"), {"linh-vuc": "ho-tich", "muc-do": "full"}
    ).content.decode()
    assert "Khai sinh" in html and "Kết hôn" not in html and "Bản sao" not in html
    assert "Xóa lọc" in html


def test_catalogue_query_budget(client, ward, settings, django_assert_max_num_queries):
    """On a page-cache miss: count, one page of procedures with their field
    (select_related), fields for the filter — 3 at most; the count and the fields are
    then kept with the page-cache version, so the next miss reads the page only."""
    settings.PAGE_CACHE_SECONDS = 0
    for i in range(25):
        ProcedureFactory(name=f"Thủ tục {i}")
    url = reverse("procedures:procedure_list")
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200
    for query in ({}, {"page": 2}, {"q": "thu tuc"}):
        client.get(url, query)
        with django_assert_max_num_queries(1):
            response = client.get(url, query)
        assert response.context["paginator"].count == 25


def test_start_page_tells_everything_before_starting(client, ward, demo_procedures):
    p = Procedure.objects.get(code="1.001193")
    response = client.get(p.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and h1_count(html) == 1
    for text in [
        "Giấy tờ cần chuẩn bị",
        "Giấy chứng sinh",
        "Miễn lệ phí (đăng ký đúng hạn)",
        "Trong ngày",
        "Bắt đầu nộp hồ sơ",
        "Căn cứ pháp lý",
    ]:
        assert text in html, text


def _with_form_templates(procedure, n):
    for i in range(n):
        ProcedureFormTemplate.objects.create(
            procedure=procedure,
            title=f"Tờ khai mẫu số {i + 1}",
            file=ContentFile(b"%PDF-1.4 mau to khai", name=f"to-khai-{i + 1}.pdf"),
            order=i,
        )


def test_start_page_offers_the_form_templates_for_download(client, ward):
    procedure = ProcedureFactory(name="Đăng ký kết hôn")
    RequiredDocumentFactory(procedure=procedure, name="Tờ khai đăng ký kết hôn")
    _with_form_templates(procedure, 2)
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "Mẫu đơn, tờ khai" in html and "Tờ khai đăng ký kết hôn" in html
    templates = list(procedure.form_templates.all())
    assert len(templates) == 2
    for template in templates:
        assert f'href="{template.file.url}" download>{template.title}</a>' in html
    assert html.index("Tờ khai mẫu số 1") < html.index("Tờ khai mẫu số 2")


def test_start_page_without_templates_has_no_empty_section(client, ward):
    html = client.get(ProcedureFactory().get_absolute_url()).content.decode()
    assert "Mẫu đơn, tờ khai" not in html


@pytest.mark.parametrize("n", [1, 4])
def test_start_page_query_budget(client, ward, settings, django_assert_max_num_queries, n):
    """On a page-cache miss, cold: the procedure with its field, its documents, its form
    templates — 3 whatever their number."""
    settings.PAGE_CACHE_SECONDS = 0
    procedure = ProcedureFactory()
    for i in range(n):
        RequiredDocumentFactory(procedure=procedure, name=f"Giấy tờ {i}")
    _with_form_templates(procedure, n)
    from django.core.cache import cache

    cache.clear()
    WardProfile.load()
    with django_assert_max_num_queries(3):
        response = client.get(procedure.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("Tờ khai mẫu số") == n


def test_closed_procedure_page_says_in_person_only(client, ward):
    p = ProcedureFactory(closed=True)
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Bắt đầu nộp hồ sơ" not in html and "chỉ nhận hồ sơ trực tiếp" in html


def test_a_fee_reads_in_the_page_s_language(client, ward):
    """50.000 đồng on the Vietnamese pages, 50,000 VND on the English ones: the amount and
    its currency are the site's words, not staff's, so nothing is marked lang="vi"."""
    p = ProcedureFactory(fee_amount=50000, fee_text="")
    for url, fee in [
        (reverse("procedures:procedure_list"), "50.000 đồng"),
        (p.get_absolute_url(), "50.000 đồng"),
        ("/en" + reverse("procedures:procedure_list"), "50,000 VND"),
        ("/en" + p.get_absolute_url(), "50,000 VND"),
    ]:
        html = client.get(url).content.decode()
        assert fee in html, url
        assert '<span lang="vi">đồng' not in html, url


def test_hidden_procedure_is_404(client, ward):
    p = ProcedureFactory(hidden=True)
    assert client.get(p.get_absolute_url()).status_code == 404


def test_demo_fixture_has_real_ward_level_procedures_with_their_sources(demo_procedures):
    procedures = Procedure.objects.all()
    assert procedures.count() >= 25
    names = {p.name for p in procedures}
    for expected in [
        "Đăng ký khai sinh",
        "Đăng ký khai tử",
        "Đăng ký kết hôn",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "Đăng ký thành lập hộ kinh doanh",
    ]:
        assert expected in names
    assert not procedures.filter(documents__isnull=True).exists()
    # Every procedure says where its facts come from; those not fully checked say so.
    assert not procedures.filter(verification_note="").exists()
    for procedure in procedures.filter(is_verified=False):
        assert "Chưa đối chiếu" in procedure.verification_note, procedure.code


def test_places_data_has_34_provinces_and_an_phong():
    assert Province.objects.count() == 34
    assert Province.objects.filter(kind="city").count() == 6
    an_phong = Ward.objects.get(name="An Phong")
    assert an_phong.province.name == "Hải Phòng" and an_phong.is_verified is True
    assert "1669/NQ-UBTVQH15" in an_phong.source


def test_navigation_shows_procedures_and_tracking(client, ward):
    html = client.get("/").content.decode()
    assert 'href="/thu-tuc/"' in html and 'href="/tra-cuu/"' in html


@pytest.mark.parametrize(
    "name", ["procedures:procedure_list", "procedures:tracking", "procedures:privacy_notice"]
)
def test_public_pages_have_one_h1(client, ward, name):
    response = client.get(reverse(name))
    assert response.status_code == 200 and h1_count(response.content.decode()) == 1


def test_privacy_notice_is_versioned(client, ward):
    html = client.get(reverse("procedures:privacy_notice")).content.decode()
    assert "Phiên bản 2026.2" in html and "91/2025/QH15" in html


def test_document_size_limit_is_the_smaller_of_setting_and_procedure(settings):
    settings.DOSSIER_MAX_FILE_SIZE = 10 * 1024 * 1024
    doc = RequiredDocumentFactory.build(max_size_mb=2)
    assert doc.max_bytes == 2 * 1024 * 1024
    doc.max_size_mb = 50
    assert doc.max_bytes == 10 * 1024 * 1024


def test_sitemap_lists_published_procedures(client, ward):
    shown = ProcedureFactory(name="Đăng ký khai sinh")
    hidden = ProcedureFactory(name="Thủ tục ẩn", hidden=True)
    assert "/sitemap-procedures.xml</loc>" in client.get("/sitemap.xml").content.decode()
    xml = client.get("/sitemap-procedures.xml").content.decode()
    assert shown.get_absolute_url() in xml and hidden.get_absolute_url() not in xml


def test_bench_data_generator(ward):
    from procedures.constants import DossierStatus
    from procedures.models import Dossier, DossierEvent

    with pytest.raises(CommandError, match="--confirm"):
        call_command("generate_dossier_bench_data", procedures=3, dossiers=10)
    call_command(
        "generate_dossier_bench_data", procedures=3, dossiers=700, confirm=True, verbosity=0
    )
    assert Procedure.objects.filter(slug__startswith="do-tai-").count() == 3
    assert Dossier.objects.filter(code__startswith="BENCH-").count() == 700
    assert Dossier.objects.values("code").distinct().count() == 700
    not_new = Dossier.objects.exclude(status=DossierStatus.NEW).count()
    assert DossierEvent.objects.count() == 700 + not_new
    # A dossier waiting for a supplement has its open request, made by its event.
    waiting = Dossier.objects.filter(status=DossierStatus.SUPPLEMENT_REQUESTED)
    assert waiting.exists()
    for dossier in waiting:
        request = dossier.open_supplement_request()
        assert request.event.dossier_id == dossier.pk
        assert request.event.to_status == DossierStatus.SUPPLEMENT_REQUESTED
        assert list(request.documents.all()) == list(dossier.procedure.documents.all()[:1])
    call_command(
        "generate_dossier_bench_data", procedures=3, dossiers=700, confirm=True, verbosity=0
    )
    assert Dossier.objects.count() == 700  # idempotent


def test_bench_scenarios_track_a_generated_dossier():
    """bench/scenarios.py re-derives a dossier's code and phone without Django: same values."""
    from bench import scenarios
    from demo.management.commands.generate_dossier_bench_data import bench_code, bench_phone
    from procedures.validators import normalise_mobile

    for i in (0, 299, 300, scenarios.TRACKED_DOSSIER, 99_999):
        assert scenarios.bench_code(i) == bench_code(i)
        assert normalise_mobile(scenarios.bench_phone_national(i)) == bench_phone(i)


def test_catalogue_is_in_vietnamese_dictionary_order(client, ward):
    for name in ["Đăng ký khai tử", "Dừng kinh doanh", "Cấp bản sao", "Chứng thực chữ ký"]:
        ProcedureFactory(name=name)
    html = client.get(reverse("procedures:procedure_list")).content.decode()
    positions = [
        html.index(n)
        for n in ["Cấp bản sao", "Chứng thực chữ ký", "Dừng kinh doanh", "Đăng ký khai tử"]
    ]
    assert positions == sorted(positions)


def test_catalogue_and_start_page_come_from_the_page_cache(client, ward, django_assert_num_queries):
    """Anonymous visitors get both pages from the cache; an edit shows at once."""
    procedure = ProcedureFactory(name="Đăng ký khai sinh")
    urls = [reverse("procedures:procedure_list"), procedure.get_absolute_url()]
    for url in urls:
        assert client.get(url)["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            assert client.get(url)["X-Page-Cache"] == "hit"
    procedure.name = "Đăng ký khai sinh cho trẻ"
    procedure.save()
    for url in urls:
        assert "Đăng ký khai sinh cho trẻ" in client.get(url).content.decode()


def test_private_writes_keep_the_page_cache(client, ward):
    """A tracking look-up (a session row) or a new dossier does not empty the page cache:
    otherwise every resident's visit would make every anonymous page a cache miss."""
    from django.test import Client

    from tests.procedures.factories import DossierFactory

    url = reverse("procedures:procedure_list")
    procedure = ProcedureFactory(name="Đăng ký khai sinh")
    DossierFactory(procedure=procedure)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    dossier = DossierFactory(procedure=procedure)  # a new dossier, its history, its code
    resident = Client()
    resident.post(reverse("procedures:tracking"), {"code": dossier.code, "phone": "0912345678"})
    assert "procedures:tracking" in resident.session
    assert client.get(url)["X-Page-Cache"] == "hit"
    ProcedureFactory(name="Đăng ký kết hôn")  # public content: the cache starts afresh
    assert client.get(url)["X-Page-Cache"] == "miss"
