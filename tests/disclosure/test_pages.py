"""The public pages: index, category (missing periods), entry, file download, preview."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure import services
from disclosure.constants import Category
from tests.disclosure.factories import PDF, DisclosureEntryFactory, DisclosureFileFactory

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def one_h1(html):
    return len(re.findall(r"<h1[\s>]", html)) == 1


def quarter(year, part, **kwargs):
    return DisclosureEntryFactory(
        category=Category.BUDGET_EXECUTION_QUARTER,
        title=f"Thực hiện dự toán quý {part}/{year}",
        period_year=year,
        period_part=part,
        **kwargs,
    )


def test_index_lists_every_category_with_latest_and_missing(client, ward, clock):
    clock.now = dt.datetime(2026, 1, 10, 9, tzinfo=VN)
    quarter(2025, 3, posted_on=dt.date(2025, 10, 15))
    html = client.get(reverse("disclosure:index")).content.decode()
    assert one_h1(html)
    for category in Category:
        assert reverse("disclosure:category", args=[category.value]) in html
    assert "Thực hiện dự toán quý 3/2025" in html
    assert "1 kỳ chưa công khai" in html  # Quý IV/2025


def test_category_page_marks_missing_periods(client, ward, clock):
    clock.now = dt.datetime(2026, 7, 1, 8, tzinfo=VN)
    quarter(2025, 3, posted_on=dt.date(2025, 10, 15))
    quarter(2026, 1, posted_on=dt.date(2026, 4, 14))
    quarter(2026, 2, draft=True)  # a draft does not fill its period
    response = client.get(reverse("disclosure:category", args=["thuc-hien-du-toan-quy"]))
    html = response.content.decode()
    assert one_h1(html)
    periods = re.findall(r'<h2 class="h5">(.*?)</h2>', html, re.S)
    assert [re.sub(r"<.*?>", "", p).split()[:2] for p in periods] == [
        ["Quý", "II/2026"],
        ["Quý", "I/2026"],
        ["Quý", "IV/2025"],
        ["Quý", "III/2025"],
    ]
    missing = [p for p in periods if "Chưa công khai" in p]
    assert len(missing) == 2 and "II/2026" in missing[0] and "IV/2025" in missing[1]


def test_unknown_category_is_404(client, ward):
    assert client.get("/cong-khai/khong-co/").status_code == 404


def test_entry_shows_open_or_ended_posting(client, ward, clock):
    clock.now = dt.datetime(2026, 5, 20, 9, tzinfo=VN)
    open_entry = DisclosureEntryFactory(posted_on=dt.date(2026, 5, 1), demo=True)
    ended = DisclosureEntryFactory(posted_on=dt.date(2026, 1, 5))
    html = client.get(open_entry.get_absolute_url()).content.decode()
    assert one_h1(html)
    assert "đang niêm yết đến 31/05/2026" in html
    assert "Nội dung này chỉ để minh họa" in html
    html = client.get(ended.get_absolute_url()).content.decode()
    assert "đã hết thời hạn niêm yết (04/02/2026)" in html
    assert "Nội dung này chỉ để minh họa" not in html


def test_draft_is_hidden_from_the_public_but_previewed_by_editors(client, ward, django_user_model):
    from django.contrib.auth.models import Group

    from staff import roles

    draft = DisclosureEntryFactory(draft=True)
    assert client.get(draft.get_absolute_url()).status_code == 404
    editor = django_user_model.objects.create_user("bientap", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()


def test_file_download_follows_the_entry(client, ward):
    attached = DisclosureFileFactory()
    response = client.get(attached.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    hidden = DisclosureFileFactory(entry=DisclosureEntryFactory(draft=True))
    assert client.get(hidden.get_download_url()).status_code == 404


def test_file_type_is_checked_from_the_bytes(settings):
    entry = DisclosureEntryFactory()
    fake = SimpleUploadedFile("bang.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.file_attach(entry=entry, title="Giả", file=fake)
    settings.DOCUMENT_MAX_BYTES = 10
    big = SimpleUploadedFile("bang.pdf", PDF, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.file_attach(entry=entry, title="Lớn", file=big)


def test_category_page_query_budget(client, ward, clock, django_assert_max_num_queries):
    """Two queries for the content whatever the number of entries: the entries of the
    category, and their files in one prefetch (the rest is the layout's, mostly cached)."""
    clock.now = dt.datetime(2026, 12, 12, 19, 30, tzinfo=VN)
    for part in (1, 2, 3):
        DisclosureFileFactory.create_batch(2, entry=quarter(2026, part))
    url = reverse("disclosure:category", args=["thuc-hien-du-toan-quy"])
    client.get(url)  # warm the layout's fragments; a new query string misses the page cache
    with django_assert_max_num_queries(2):
        response = client.get(url + "?lan=2")
    assert response.status_code == 200


def test_navigation_links_the_disclosure_pages(client, ward):
    html = client.get(reverse("portal:home")).content.decode()
    assert 'href="/cong-khai/"' in html


def test_sitemap_lists_categories_and_entries(client, ward):
    entry = DisclosureEntryFactory()
    DisclosureEntryFactory(draft=True, title="Bản nháp không lộ")
    body = client.get("/sitemap-disclosure.xml").content.decode()
    assert "/cong-khai/du-toan-ngan-sach/" in body
    body = client.get("/sitemap-disclosure-entries.xml").content.decode()
    assert entry.get_absolute_url() in body
    assert "ban-nhap-khong-lo" not in body


def test_cached_category_page_turns_at_the_wards_midnight(client, ward, clock, settings):
    """Nothing is saved when a quarter ends: the cached page must not outlive midnight."""
    settings.PAGE_CACHE_SECONDS = 600
    clock.now = dt.datetime(2026, 3, 31, 23, 59, 30, tzinfo=VN)
    url = reverse("disclosure:category", args=["thuc-hien-du-toan-quy"])
    assert "Quý I/2026" not in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    clock.advance(seconds=60)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Quý I/2026" in response.content.decode()


def test_deleting_an_entry_removes_its_stored_files(django_capture_on_commit_callbacks):
    attached = DisclosureFileFactory()
    storage, name = attached.file.storage, attached.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        attached.entry.delete()
    assert not storage.exists(name)


def test_index_query_budget(client, ward, django_assert_max_num_queries):
    """One query for the content: every published entry's few list columns, whatever
    their number (the latest per category and the periods held are found in Python)."""
    for category in ("du-an-dau-tu", "dat-dai-quy-hoach", "quy-va-khoan-dong-gop"):
        DisclosureFileFactory.create_batch(2, entry__category=category)
    url = reverse("disclosure:index")
    client.get(url)
    with django_assert_max_num_queries(1):
        assert client.get(url + "?lan=2").status_code == 200


def test_permanent_posting_is_said_so(client, ward):
    entry = DisclosureEntryFactory(category=Category.PROCEDURES, title="Danh mục thủ tục")
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "niêm yết thường xuyên" in html
    html = client.get(reverse("disclosure:category", args=["thu-tuc-hanh-chinh"])).content.decode()
    assert "Điều 11 khoản 13" in html
    assert "thường xuyên, cập nhật khi có thay đổi" in html
