"""RSS feeds and the site search find published entries (and their files), never drafts."""

import pytest
from django.urls import reverse

from disclosure.constants import Category
from portal.search import registry as search
from tests.disclosure.factories import DisclosureEntryFactory, DisclosureFileFactory

pytestmark = pytest.mark.django_db


def test_feed_lists_published_entries_and_marks_demo(client, ward):
    DisclosureEntryFactory(title="Dự toán ngân sách năm 2026", demo=True)
    DisclosureEntryFactory(title="Bản nháp kín", draft=True)
    DisclosureEntryFactory(title="Niêm yết ngày mai", scheduled=True)
    response = client.get(reverse("disclosure:feed"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<rss" in body
    assert "Dự toán ngân sách năm 2026 (dữ liệu minh họa)" in body
    assert "Bản nháp kín" not in body and "Niêm yết ngày mai" not in body


def test_category_feed_holds_only_its_category(client, ward):
    DisclosureEntryFactory(title="Mức thu quỹ", category=Category.FUNDS_AND_CONTRIBUTIONS)
    DisclosureEntryFactory(title="Dự án trường học", category=Category.INVESTMENT_PROJECTS)
    body = client.get(reverse("disclosure:category_feed", args=["quy-va-khoan-dong-gop"])).content
    assert "Mức thu quỹ" in body.decode() and "Dự án trường học" not in body.decode()
    assert client.get("/cong-khai/khong-co/rss/").status_code == 404


def test_summary_is_escaped_in_the_feed(client, ward):
    DisclosureEntryFactory(summary="<script>alert(1)</script>")
    body = client.get(reverse("disclosure:feed")).content.decode()
    assert "<script>" not in body


def run(text):
    hits, _truncated = search.run(search.Query.parse(text), limit=20)
    return [h for h in hits if h.kind == "disclosure"]


def test_site_search_finds_entries_without_diacritics(ward):
    entry = DisclosureEntryFactory(title="Quyết toán ngân sách năm 2025")
    DisclosureEntryFactory(title="Quyết toán bản nháp", draft=True)
    hits = run("quyet toan ngan sach")
    assert [h.url for h in hits] == [entry.get_absolute_url()]


def test_site_search_finds_an_entry_by_its_file_title(ward):
    attached = DisclosureFileFactory(title="Phụ lục bồi thường giải phóng mặt bằng")
    hits = run("giải phóng mặt bằng")
    assert [h.url for h in hits] == [attached.entry.get_absolute_url()]
    attached.delete()
    assert run("giải phóng mặt bằng") == []


def test_search_page_shows_disclosures(client, ward):
    DisclosureEntryFactory(title="Kế hoạch sử dụng quỹ đất công ích")
    html = client.get("/tim-kiem/", {"q": "quỹ đất công ích"}).content.decode()
    assert "Kế hoạch sử dụng quỹ đất công ích" in html


def test_feed_dates_items_by_their_posting_day(client, ward):
    import datetime as dt

    DisclosureEntryFactory(title="Niêm yết cũ", posted_on=dt.date(2025, 9, 5))
    body = client.get(reverse("disclosure:feed")).content.decode()
    assert "<pubDate>Fri, 05 Sep 2025 00:00:00 +0700</pubDate>" in body
