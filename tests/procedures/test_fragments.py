"""The catalogue and the start pages are kept in the cache as drawn (like the news cards).

What a cached fragment shows must change as soon as its procedure, field, documents or
form templates change, and must never be served for another filter, page or language.
The page cache is off here (PAGE_CACHE_SECONDS = 0): what is tested is the fragments a
page-cache miss is drawn from.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from procedures.models import Procedure, ProcedureFormTemplate
from tests.procedures.factories import (
    ProcedureFactory,
    ProcedureFieldFactory,
    RequiredDocumentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def _html(client, url, data=None):
    response = client.get(url, data)
    assert response.status_code == 200
    return response.content.decode()


def _catalogue(client, data=None):
    return _html(client, reverse("procedures:procedure_list"), data)


def _card(html, name):
    """The catalogue card of the procedure called `name`."""
    return html.split(f">{name}</a>")[1].split("</li>")[0]


def test_an_edited_procedure_shows_at_once_in_its_card_and_start_page(client, ward):
    procedure = ProcedureFactory(
        name="Đăng ký khai sinh", code="1.001193", fee_amount=0, processing_days=None
    )
    card = _card(_catalogue(client), "Đăng ký khai sinh")
    assert "Miễn phí" in card and "Trong ngày" in card and "1.001193" in card
    start = _html(client, procedure.get_absolute_url())
    assert "Miễn phí" in start and "Trong ngày" in start and "Bắt đầu nộp hồ sơ" in start

    procedure.name = "Đăng ký khai sinh cho trẻ"
    procedure.code = "1.009999"
    procedure.fee_amount = 50000
    procedure.processing_days = 3
    procedure.processing_note = "Kể từ ngày nhận đủ hồ sơ."
    procedure.online_open = False
    procedure.is_verified = True
    procedure.save()

    html = _catalogue(client)
    card = _card(html, "Đăng ký khai sinh cho trẻ")
    assert ">Đăng ký khai sinh</a>" not in html
    assert "50.000 đồng" in card and "3 ngày làm việc" in card and "1.009999" in card
    assert "Chỉ nhận trực tiếp" in card and "Một phần" not in card
    assert "Chưa đối chiếu" not in card
    start = _html(client, procedure.get_absolute_url())
    assert "Đăng ký khai sinh cho trẻ" in start and "50.000 đồng" in start
    assert "3 ngày làm việc" in start and "Kể từ ngày nhận đủ hồ sơ." in start
    assert "Bắt đầu nộp hồ sơ" not in start and "chỉ nhận hồ sơ trực tiếp" in start
    assert "Thông tin chưa đối chiếu." not in start


def test_a_renamed_field_shows_in_every_card_the_filter_and_the_start_page(client, ward):
    field = ProcedureFieldFactory(name="Hộ tịch cũ", slug="ho-tich")
    procedure = ProcedureFactory(name="Đăng ký kết hôn", field=field)
    ProcedureFactory(name="Đăng ký khai tử", field=field)
    assert "Hộ tịch cũ" in _catalogue(client)
    assert "Hộ tịch cũ" in _html(client, procedure.get_absolute_url())
    field.name = "Hộ tịch"
    field.save()
    html = _catalogue(client)
    assert "Hộ tịch cũ" not in html
    for name in ("Đăng ký kết hôn", "Đăng ký khai tử"):
        assert "<dd>Hộ tịch</dd>" in _card(html, name)
    assert '<option value="ho-tich">Hộ tịch</option>' in html
    start = _html(client, procedure.get_absolute_url())
    assert "Hộ tịch cũ" not in start and "Hộ tịch" in start


def test_edited_documents_and_form_templates_show_at_once_on_the_start_page(client, ward):
    procedure = ProcedureFactory(name="Đăng ký kết hôn")
    document = RequiredDocumentFactory(procedure=procedure, name="Tờ khai cũ", order=2)
    url = procedure.get_absolute_url()
    html = _html(client, url)
    assert "Tờ khai cũ" in html and "Mẫu đơn, tờ khai" not in html

    document.name = "Tờ khai đăng ký kết hôn"
    document.copies = 2
    document.save()
    RequiredDocumentFactory(procedure=procedure, name="Giấy xác nhận tình trạng hôn nhân", order=1)
    ProcedureFormTemplate.objects.create(
        procedure=procedure,
        title="Mẫu tờ khai kết hôn",
        file=ContentFile(b"%PDF-1.4 mau", name="to-khai.pdf"),
    )
    html = _html(client, url)
    assert "Tờ khai cũ" not in html and "2 bản" in html
    # In their order (order, then id), as before.
    assert html.index("Giấy xác nhận tình trạng hôn nhân") < html.index("Tờ khai đăng ký kết hôn")
    assert "Mẫu đơn, tờ khai" in html and "Mẫu tờ khai kết hôn" in html

    document.delete()
    procedure.form_templates.all().delete()
    html = _html(client, url)
    assert "Tờ khai đăng ký kết hôn" not in html and "Mẫu tờ khai kết hôn" not in html


def test_a_hidden_procedure_leaves_the_catalogue_and_its_page_at_once(client, ward):
    procedure = ProcedureFactory(name="Thủ tục sắp ẩn")
    assert "Thủ tục sắp ẩn" in _catalogue(client)
    assert client.get(procedure.get_absolute_url()).status_code == 200
    procedure.is_published = False
    procedure.save()
    assert "Thủ tục sắp ẩn" not in _catalogue(client)
    assert client.get(procedure.get_absolute_url()).status_code == 404


def test_cards_are_reused_when_another_procedure_is_added(client, ward, monkeypatch):
    ProcedureFactory(name="Thủ tục đã có")
    _catalogue(client)
    drawn = []
    real = Procedure.get_absolute_url
    monkeypatch.setattr(
        Procedure, "get_absolute_url", lambda self: drawn.append(self.name) or real(self)
    )
    ProcedureFactory(name="Thủ tục mới thêm")
    html = _catalogue(client)
    assert "Thủ tục đã có" in html and "Thủ tục mới thêm" in html
    # Only the new card was drawn; the other came from the cache as it was.
    assert drawn == ["Thủ tục mới thêm"]


def test_an_unchanged_catalogue_and_start_page_are_drawn_from_the_cache(
    client, ward, django_assert_num_queries
):
    """A page-cache miss with nothing changed: the catalogue reads its page of rows (the
    cards, the count and the fields come from the cache), the start page the procedure's
    own row (its documents and blank forms come with its content from the cache)."""
    procedure = ProcedureFactory()
    RequiredDocumentFactory(procedure=procedure)
    url = reverse("procedures:procedure_list")
    first = _html(client, url)
    with django_assert_num_queries(1):
        assert _html(client, url) == first
    first = _html(client, procedure.get_absolute_url())
    with django_assert_num_queries(1):
        assert _html(client, procedure.get_absolute_url()) == first


def test_each_filter_page_and_language_has_its_own_fragments(client, ward):
    civil = ProcedureFieldFactory(name="Hộ tịch", slug="ho-tich")
    other = ProcedureFieldFactory(name="Chứng thực", slug="chung-thuc")
    ProcedureFactory(name="Đăng ký khai sinh", field=civil)
    ProcedureFactory(name="Chứng thực bản sao", field=other, service_level="partial")
    for i in range(20):
        ProcedureFactory(name=f"Thủ tục thêm {i:02d}", field=other)
    assert "Đăng ký khai sinh" in _catalogue(client)

    by_field = _catalogue(client, {"linh-vuc": "ho-tich"})
    assert "Đăng ký khai sinh" in by_field and "Chứng thực bản sao" not in by_field
    assert '<option value="ho-tich" selected>' in by_field
    assert '<option value="ho-tich" selected>' not in _catalogue(client)

    by_level = _catalogue(client, {"muc-do": "partial"})
    assert "Chứng thực bản sao" in by_level and "Đăng ký khai sinh" not in by_level
    assert '<option value="partial" selected>' in by_level

    searched = _catalogue(client, {"q": "khai sinh"})
    assert "Đăng ký khai sinh" in searched and "Chứng thực bản sao" not in searched
    assert "Không có thủ tục nào khớp" in _catalogue(client, {"q": "không có đâu"})

    page_1, page_2 = _catalogue(client), _catalogue(client, {"page": 2})
    assert "Thủ tục thêm 19" not in page_1 and "Thủ tục thêm 19" in page_2
    # The pagination links keep the filter of their own page.
    assert "?linh-vuc=chung-thuc&amp;page=2" in _catalogue(client, {"linh-vuc": "chung-thuc"})
    shared = _catalogue(client, {"linh-vuc": "chung-thuc", "nguon": "zalo"})
    assert "?linh-vuc=chung-thuc&amp;nguon=zalo&amp;page=2" in shared
    assert "linh-vuc=chung-thuc" not in page_1

    with translation.override("en"):
        english = _html(client, reverse("procedures:procedure_list"))
        link = Procedure.objects.get(name="Đăng ký khai sinh").get_absolute_url()
    assert link.startswith("/en/") and f'href="{link}"' in english
