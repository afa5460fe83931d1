"""The targets on the Congress page, on /thong-ke/ and on a page of their own."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from congress.models import Target, TargetValue
from demo import targets as demo_targets
from portal.models import WardProfile
from tests.congress.factories import TargetValueFactory

pytestmark = pytest.mark.django_db
CARD = '<li class="term-target-card">'


def _main(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _section(html, section_id):
    start = html.index(f'<section aria-labelledby="{section_id}"')
    return html[start : html.index("</section>", start)]


def test_congress_page_shows_eleven_targets_each_with_a_chart(client, demo_org):
    demo_targets.load()
    section = _section(_main(client, "/dai-hoi/"), "chi-tieu")
    assert ">Chỉ tiêu nhiệm kỳ 2025–2030</h2>" in section
    assert section.count('<tr id="chi-tieu-') == 11
    assert section.count('<svg viewBox="0 0 320 150" role="img"') == 11
    assert section.count("<desc id=") == 11 and section.count("<title id=") == 11
    assert section.count('class="target-chart__target"') == 11  # the target line
    # Every value shown comes from the demo loader: each is marked.
    rows = section.split('<tr id="chi-tieu-')[1:]
    for row in rows:
        if "<strong>" in row.split("</tr>")[0]:
            assert "Dữ liệu minh họa" in row.split("</tr>")[0]
    assert 'style="' not in section  # CSP: no inline styles
    cultured = section.split('id="chi-tieu-to-dan-pho-van-hoa"', 1)[1].split("</tr>")[0]
    assert ">94%<" in cultured and ">97,4%<" in cultured and "Đúng tiến độ" in cultured


def test_a_real_value_carries_no_demo_badge(client, demo_org):
    TargetValueFactory(value=Decimal("96.4"))
    section = _section(_main(client, "/dai-hoi/"), "chi-tieu")
    row = section.split('id="chi-tieu-bao-hiem-y-te"', 1)[1].split("</tr>")[0]
    assert "<strong>96,4%</strong>" in row and "Dữ liệu minh họa" not in row
    card = section.split('id="chi-tieu-card-bao-hiem-y-te"', 1)[1].split(CARD)[0]
    assert "Nguồn:" in card and "Báo cáo của Bảo hiểm xã hội (kiểm thử)" in card


def test_statistics_page_shows_the_targets_without_a_congress(client, ward):
    section = _section(_main(client, reverse("procedures:statistics")), "thong-ke-chi-tieu")
    assert section.count('role="img"') == 11
    assert "Chưa có số liệu" in section
    assert "Dữ liệu minh họa" not in section


def test_fully_online_page_explains_the_measure(client, ward):
    html = _main(client, reverse("congress:target_detail", args=["ho-so-truc-tuyen-toan-trinh"]))
    assert "Tỷ lệ theo tháng nộp hồ sơ" in html
    assert f'href="{reverse("procedures:statistics")}"' in html


def test_measured_value_is_shown_with_its_period_and_date(client, ward, monkeypatch):
    import datetime as dt

    from congress import progress

    reading = progress.Reading(
        value=Decimal("92.5"),
        measured_on=dt.date(2026, 11, 30),
        period="year_to_date",
        period_start=dt.date(2026, 1, 1),
        handled=40,
        fully_online=37,
    )
    monkeypatch.setattr(progress, "fully_online_readings", lambda today=None: ([reading], reading))
    section = _section(_main(client, reverse("procedures:statistics")), "thong-ke-chi-tieu")
    card = section.split('id="thong-ke-chi-tieu-card-ho-so-truc-tuyen-toan-trinh"')[1]
    card = card.split(CARD)[0]
    assert "<strong>92,5%</strong>" in card
    assert "từ 01/01/2026 đến 30/11/2026: 37/40 hồ sơ" in card
    assert "Số liệu tự động từ hệ thống một cửa của cổng, tính đến ngày 30/11/2026." in card
    assert "Dữ liệu minh họa" not in card


@pytest.mark.parametrize("code", ["ho-ngheo", "to-dan-pho-van-hoa", "ho-so-truc-tuyen-toan-trinh"])
def test_target_page_answers_with_one_h1(client, ward, code):
    html = _main(client, reverse("congress:target_detail", args=[code]))
    assert Target.objects.get(code=code).name in re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)


def test_unknown_target_is_404(client, ward):
    assert client.get("/dai-hoi/chi-tieu/khong-co/").status_code == 404


def test_target_page_lists_the_whole_history_with_corrections(client, ward):
    wrong = TargetValueFactory(value=Decimal("59.1"))
    TargetValueFactory(value=Decimal("95.1"), corrects=wrong, note="Nhập nhầm thứ tự chữ số.")
    html = _main(client, reverse("congress:target_detail", args=["bao-hiem-y-te"]))
    table = html.split("Lịch sử số liệu</h2>", 1)[1].split("</table>", 1)[0]
    assert table.count("<tr") == 3  # heading + the two values, the wrong one kept
    assert "<del>59,1%</del>" in table and "Đã được đính chính" in table
    assert "Nhập nhầm thứ tự chữ số." in table
    assert "<strong>95,1%</strong>" in html


def test_a_new_value_shows_at_once(client, ward):
    url = reverse("congress:target_detail", args=["bao-hiem-y-te"])
    assert "Chưa có số liệu" in _main(client, url)
    TargetValueFactory(value=Decimal("96.7"))
    assert "<strong>96,7%</strong>" in _main(client, url)
    assert TargetValue.objects.count() == 1


def _queries(client, url, django_assert_max_num_queries, budget):
    cache.clear()
    WardProfile.load()
    with django_assert_max_num_queries(budget) as cold:
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(budget) as warm:
        assert client.get(url).status_code == 200
    return len(cold.captured_queries), len(warm.captured_queries)


@override_settings(PAGE_CACHE_SECONDS=0)
def test_congress_page_budget(client, demo_org, django_assert_max_num_queries):
    """The targets add three queries to a cold Congress page (targets, their values, the
    dossiers' monthly counts) and none once cached, however many values there are."""
    demo_targets.load()
    cold, warm = _queries(client, "/dai-hoi/", django_assert_max_num_queries, 9)
    target = Target.objects.get(code="bao-hiem-y-te")
    for month in range(1, 11):
        TargetValueFactory(target=target, measured_on=f"2026-{month:02d}-01")
    assert _queries(client, "/dai-hoi/", django_assert_max_num_queries, 9) == (cold, warm)
    assert warm == cold - 3


@override_settings(PAGE_CACHE_SECONDS=0)
def test_target_page_budget(client, ward, django_assert_max_num_queries):
    """A target's page: the target and its values (2); the dossier counts are cached."""
    for month in range(1, 11):
        TargetValueFactory(measured_on=f"2026-{month:02d}-01")
    url = reverse("congress:target_detail", args=["bao-hiem-y-te"])
    assert _queries(client, url, django_assert_max_num_queries, 2) == (2, 2)
    url = reverse("congress:target_detail", args=["ho-so-truc-tuyen-toan-trinh"])
    assert _queries(client, url, django_assert_max_num_queries, 3) == (3, 2)


def test_the_sitemap_lists_every_target_page(client):
    body = client.get("/sitemap-targets.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver(/dai-hoi/chi-tieu/[\w-]+/)</loc>", body)
    assert sorted(pages) == sorted(t.get_absolute_url() for t in Target.objects.all())
    assert len(pages) == 11
