"""The links page, the accessibility statement, the privacy policy and the responsible
editor: each page answers with one <h1>, the footer links them all, and what is not real
is marked as demo data until an editor enters the real one."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from portal import statements

pytestmark = pytest.mark.django_db

PAGES = ["portal:links", "portal:accessibility", "portal:privacy"]


def _footer(html):
    return html.split("<footer", 1)[1].split("</footer>", 1)[0]


@pytest.mark.parametrize("name", PAGES)
def test_statement_page_answers_with_exactly_one_h1(client, ward, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<html lang="vi">' in html


def test_the_addresses_are_the_ones_asked_for():
    assert reverse("portal:links") == "/lien-ket/"
    assert reverse("portal:accessibility") == "/tuyen-bo-tiep-can/"
    assert reverse("portal:privacy") == "/chinh-sach-bao-ve-du-lieu-ca-nhan/"
    # Dossiers record the version of this notice they consented to: it stays where it was.
    assert reverse("procedures:privacy_notice") == "/thong-bao-xu-ly-du-lieu/"


def test_every_link_is_absolute_https_and_on_a_government_host():
    for link in statements.all_links():
        parts = urlsplit(link.url)
        assert parts.scheme == "https" and parts.netloc, link.url
        assert parts.netloc.endswith((".gov.vn", "chinhphu.vn", "vbpl.vn")), link.url


def test_links_are_grouped_and_marked_as_leaving_the_site(client, ward):
    html = client.get(reverse("portal:links")).content.decode()
    national = html.split('data-link-group="quoc-gia"')[1].split("</ul>")[0]
    city = html.split('data-link-group="hai-phong"')[1].split("</ul>")[0]
    assert 'href="https://dichvucong.gov.vn/"' in national
    assert 'href="https://haiphong.gov.vn/"' in city
    assert 'href="https://dichvucong.haiphong.gov.vn/"' in city
    anchors = re.findall(r"<a [^>]*data-external-link[^>]*>.*?</a>", html, re.S)
    assert len(anchors) == len(statements.all_links())
    for anchor in anchors:
        assert 'rel="external noopener"' in anchor
        assert "chuyển sang trang web khác" in anchor


def test_the_accessibility_statement_says_what_is_checked_the_gaps_and_how_to_report(client, ward):
    html = client.get(reverse("portal:accessibility")).content.decode()
    checks = html.split("data-checks")[1].split("</ul>")[0]
    for words in ["axe-core", "tiêu đề cấp 1", "Chuyển đến nội dung chính", "360"]:
        assert words in checks
    gaps = html.split("data-known-gaps")[1].split("</ul>")[0]
    assert "PDF" in gaps and "trình đọc màn hình" in gaps
    report = html.split("data-report")[1].split("</ul>")[0]
    assert reverse("feedback:submit") in report and reverse("portal:contact") in report
    assert statements.ACCESSIBILITY_REVIEWED.strftime("%d/%m/%Y") in html
    assert "26/2020/TT-BTTTT" in html and "WCAG 2.1" in html


def test_the_privacy_policy_covers_every_form_and_points_to_the_detailed_notices(client, ward):
    html = client.get(reverse("portal:privacy")).content.decode()
    forms = set(re.findall(r'data-privacy-form="([\w-]+)"', html))
    assert forms == {"dossier", "draft", "tracking", "results", "feedback", "account", "visits"}
    assert reverse("procedures:privacy_notice") in html
    assert reverse("feedback:privacy_notice") in html
    assert "91/2025/QH15" in html
    # Each retention period is the one the purge applies (settings), not a copy of it.
    visits = html.split('data-privacy-form="visits"')[1].split("</section>")[0]
    assert f"{settings.APPOINTMENT_RETENTION_DAYS} ngày sau ngày hẹn" in visits


def test_the_footer_links_every_statement(client, ward):
    footer = _footer(client.get(reverse("portal:home")).content.decode())
    links = footer.split("data-footer-links")[1].split("</ul>")[0]
    for name in PAGES:
        assert f'href="{reverse(name)}"' in links
    assert f'href="{reverse("portal:contact")}#nguoi-chiu-trach-nhiem"' in links
    # The published schedule and the old-address look-up are reachable from every page too.
    for name in ("reception:schedule", "addresses:lookup"):
        assert f'href="{reverse(name)}"' in links


def test_the_editor_is_marked_as_demo_until_an_editor_enters_the_real_one(client, ward):
    html = client.get(reverse("portal:contact")).content.decode()
    section = html.split("data-responsible-editor")[1].split("</section>")[0]
    assert "data-editor-demo" in section and "Dữ liệu minh họa" in section
    assert ward.editor_name in section
    footer_editor = _footer(html).split("data-footer-editor")[1].split("</p>")[0]
    assert ward.editor_name in footer_editor and "Dữ liệu minh họa" in footer_editor

    ward.editor_name = "Trần Thị Bích"
    ward.editor_title = "Chánh Văn phòng HĐND và UBND phường"
    ward.editor_is_demo = False
    ward.save()
    html = client.get(reverse("portal:contact")).content.decode()
    section = html.split("data-responsible-editor")[1].split("</section>")[0]
    assert "Trần Thị Bích" in section and "Dữ liệu minh họa" not in section
    footer_editor = _footer(html).split("data-footer-editor")[1].split("</p>")[0]
    assert "Trần Thị Bích" in footer_editor and "Dữ liệu minh họa" not in footer_editor


def test_a_blank_editor_says_not_yet_entered(client, ward):
    ward.editor_name = ""
    ward.save()
    html = client.get(reverse("portal:contact")).content.decode()
    assert "Chưa cập nhật" in html.split("data-responsible-editor")[1].split("</section>")[0]


def test_the_editor_is_edited_in_the_ward_profile_admin(admin_client, ward):
    html = admin_client.get(reverse("admin:portal_wardprofile_change", args=[1])).text
    assert "Người chịu trách nhiệm chính" in html
    for field in ["editor_name", "editor_title", "editor_phone", "editor_email", "editor_is_demo"]:
        assert f'name="{field}"' in html


def test_the_sitemap_lists_the_statements(client, ward):
    xml = client.get("/sitemap-pages.xml").content.decode()
    for name in PAGES:
        assert reverse(name) in xml
