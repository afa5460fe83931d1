"""English versions (Decree 42/2022 Art. 7): chart, organ pages and the directory under /en/."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from personnel.models import Organ
from tests.personnel.factories import AppointmentFactory, OrganFactory, PersonFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The pages Decree 42/2022 Art. 7 asks in English: structure, people, contacts, the Congress.
# (News and documents are Vietnamese-only.)
ORGANISATION_TEMPLATES = [
    "personnel/_contacts.html",
    "includes/_demo_badge.html",
    "personnel/_organ_tree.html",
    "personnel/_person_post_row.html",
    "congress/congress_detail.html",
    "personnel/directory.html",
    "personnel/leadership.html",
    "personnel/organ_detail.html",
    "personnel/organisation_base.html",
    "personnel/organisation_chart.html",
    "personnel/person_detail.html",
]
EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_english_chart_uses_english_names_and_ui(client, demo_org):
    html = _html(client.get("/en/to-chuc/"))
    assert '<html lang="en">' in html
    assert "<h1>Organisation chart</h1>" in html
    assert "Party Committee of An Phong Ward" in html
    assert "People&#x27;s Committee of An Phong Ward" in html
    assert 'href="/en/to-chuc/dang-uy-phuong-an-phong/"' in html


@pytest.mark.django_db
def test_english_organ_page_shows_english_functions_and_titles(client, demo_org):
    html = _html(client.get("/en/to-chuc/dang-uy-phuong-an-phong/"))
    assert "Functions and duties" in html
    assert "leads the organisation between two congresses" in html
    assert ">Permanent Deputy Secretary<" in html
    assert 'href="/en/nhan-su/le-khac-nguyen-anh/"' in html


@pytest.mark.django_db
def test_english_directory_translates_headings_and_demo_marks(client, demo_org):
    html = _html(client.get("/en/danh-ba/"))
    assert "<h1>Contact directory</h1>" in html
    for header in ["Full name", "Position", "Phone", "E-mail"]:
        assert f">{header}</th>" in html
    assert "Demo data" in html
    assert "Dữ liệu minh họa" not in html


@pytest.mark.django_db
def test_missing_english_falls_back_to_vietnamese_marked_lang_vi(client, db, ward):
    organ = OrganFactory(name="Tổ công tác thử", name_en="", functions="Làm việc thử.")
    AppointmentFactory(organ=organ, title="Tổ trưởng", title_en="")
    english_url = "/en" + organ.get_absolute_url()
    html = _html(client.get(english_url))
    assert '<h1 lang="vi">Tổ công tác thử</h1>' in html
    assert '<div lang="vi"><p>Làm việc thử.</p></div>' in html
    assert 'lang="vi">Tổ trưởng</td>' in html
    organ.name_en = "Test working group"
    organ.save()
    html = _html(client.get(english_url))
    assert '<h1 lang="en">Test working group</h1>' in html


@pytest.mark.django_db
def test_vietnamese_pages_ignore_english_fields(client, demo_org):
    html = _html(client.get("/to-chuc/"))
    assert "Party Committee of An Phong Ward" not in html
    assert "Đảng ủy phường An Phong" in html


@pytest.mark.django_db
def test_language_switch_links_to_the_same_page(client, demo_org):
    html = _html(client.get("/to-chuc/dang-uy-phuong-an-phong/"))
    switch = html.split('class="site-lang', 1)[1].split("</nav>", 1)[0]
    assert '<span aria-current="true" lang="vi">Tiếng Việt</span>' in switch
    assert '<a href="/en/to-chuc/dang-uy-phuong-an-phong/" hreflang="en" lang="en">English</a>' in (
        switch
    )
    html = _html(client.get("/en/danh-ba/"))
    switch = html.split('class="site-lang', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/danh-ba/" hreflang="vi" lang="vi">Tiếng Việt</a>' in switch
    assert "<script" not in switch and "<form" not in switch


@pytest.mark.django_db
def test_language_switch_keeps_the_selected_term(client, db, ward):
    organ = OrganFactory()
    AppointmentFactory(organ=organ, person=PersonFactory())
    html = _html(client.get(organ.get_absolute_url() + "?nhiem-ky=2025-2030"))
    assert f'href="/en{organ.get_absolute_url()}?nhiem-ky=2025-2030"' in html


def _template_msgids():
    """msgids of {% translate %} and {% blocktranslate trimmed %} in the organisation pages."""
    ids = set()
    for path in (TEMPLATES / name for name in ORGANISATION_TEMPLATES):
        text = path.read_text()
        ids.update(re.findall(r'{% translate "([^"]+)"', text))
        ids.update(re.findall(r"{% translate '([^']+)'", text))
        for body in re.findall(
            r"{% blocktranslate trimmed[^%]*%}(.*?){% (?:plural|endblocktranslate) %}", text, re.S
        ):
            body = re.sub(r"{{ (\w+) }}", r"%(\1)s", " ".join(body.split()))
            ids.add(body)
    return ids


def test_every_organisation_page_string_has_an_english_translation():
    with open(EN_PO, "rb") as f:
        catalogue = read_po(f)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalogue
        if m.id and (m.string if isinstance(m.string, str) else all(m.string)) and not m.fuzzy
    }
    msgids = _template_msgids()
    assert len(msgids) > 60  # the extraction itself works
    assert sorted(msgids - translated) == []


@pytest.mark.django_db
def test_organ_kind_labels_are_translated(client, demo_org):
    html = _html(client.get("/en/to-chuc/"))
    assert "Socio-political organisation" in html
    assert Organ.objects.filter(kind="mass").exists()
