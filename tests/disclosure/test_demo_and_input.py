"""The demo loader (idempotent, visibly demo, periods left missing) and hostile input."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from demo import disclosure as demo_disclosure
from disclosure import selectors
from disclosure.constants import Category
from disclosure.models import DisclosureEntry, DisclosureFile

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_demo_is_idempotent_marked_and_leaves_periods_missing(ward, clock):
    clock.now = dt.datetime(2026, 12, 12, 19, 30, tzinfo=VN)
    demo_disclosure.load()
    demo_disclosure.load()
    assert DisclosureEntry.objects.count() == len(demo_disclosure.ENTRIES)
    assert DisclosureFile.objects.count() == len(demo_disclosure.ENTRIES)
    assert not DisclosureEntry.objects.filter(is_demo=False).exists()
    rows, _other = selectors.category_page(Category.BUDGET_EXECUTION_QUARTER)
    assert [r.period.label for r in rows if r.missing] == [
        "Quý III/2026",
        "Quý II/2026",
        "Quý IV/2025",
    ]


QUERIES = ["q=%FF%FE", "page=-1", "p=" + "a" * 5000, "category=%00"]


@pytest.mark.parametrize("query", QUERIES)
def test_malformed_query_strings_never_give_a_5xx(client, ward, query):
    demo_disclosure.load()
    entry = DisclosureEntry.objects.first()
    urls = [
        reverse("disclosure:index"),
        reverse("disclosure:feed"),
        reverse("disclosure:category", args=["du-toan-ngan-sach"]),
        reverse("disclosure:category_feed", args=["du-toan-ngan-sach"]),
        entry.get_absolute_url(),
        reverse("disclosure:file_download", args=[entry.files.first().pk]),
    ]
    for url in urls:
        assert client.get(f"{url}?{query}").status_code < 500, url
    assert client.get("/cong-khai/tep/999999/").status_code == 404
    assert client.get("/cong-khai/du-toan-ngan-sach/khong-co/").status_code == 404


def test_english_pages_answer(client, ward):
    demo_disclosure.load()
    response = client.get("/en/cong-khai/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
