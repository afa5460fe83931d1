"""The public organisation pages: chart, organ, person, leadership, directory."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from personnel.models import Organ, Person
from tests.personnel.factories import (
    AppointmentFactory,
    OrganFactory,
    PersonFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


def _main(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_every_organisation_page_has_one_h1_in_both_languages(client, demo_org):
    organ = Organ.objects.get(pk=1)
    person = Person.objects.get(pk=1)
    paths = [
        reverse("personnel:organisation"),
        organ.get_absolute_url(),
        person.get_absolute_url(),
        reverse("personnel:leadership"),
        reverse("personnel:directory"),
        reverse("congress:congress"),
    ]
    for path in paths + ["/en" + p for p in paths]:
        html = _html(client.get(path))
        assert len(re.findall(r"<h1[\s>]", html)) == 1, path


def test_chart_nests_organs_and_links_each_to_its_page(client, demo_org):
    html = _html(client.get("/to-chuc/"))
    chart = html.split('class="org-chart"', 1)[1].split("</main>", 1)[0]
    organs = list(Organ.objects.active())
    assert len(organs) == 11
    for organ in organs:
        assert f'href="{organ.get_absolute_url()}"' in chart
    # The Standing Committee's item sits inside the Party Committee's item.
    party = chart.index('href="/to-chuc/dang-uy-phuong-an-phong/"')
    standing = chart.index('href="/to-chuc/ban-thuong-vu-dang-uy-phuong/"')
    council = chart.index('href="/to-chuc/hoi-dong-nhan-dan-phuong-an-phong/"')
    assert party < standing < council
    between = chart[party:standing]
    assert '<ul class="org-tree">' in between and "</li>" not in between
    assert "<img" not in chart  # a structure, not a picture


def test_chart_hides_dissolved_organs(client, db, ward):
    OrganFactory(name="Cơ quan đã giải thể", is_active=False)
    OrganFactory(name="Cơ quan đang hoạt động")
    html = _html(client.get("/to-chuc/"))
    assert "Cơ quan đang hoạt động" in html
    assert "Cơ quan đã giải thể" not in html


def test_chart_query_budget(client, demo_org, django_assert_num_queries):
    """One query for the organs and one for the current term, however big the tree.

    The ward profile is cached by the first request, so the layout costs nothing.
    """
    client.get("/to-chuc/")
    for n in range(15):
        OrganFactory(parent_id=1 + n % 3)
    with django_assert_num_queries(2):
        _html(client.get("/to-chuc/"))


def test_directory_query_budget_does_not_grow_with_people(
    client, demo_org, django_assert_num_queries
):
    """Organs, current published appointments with their people, the current term: 3 queries.

    A directory that queried once per person would grow with the ward's staff.
    """
    client.get("/danh-ba/")
    organ = Organ.objects.get(pk=5)
    people = [PersonFactory(published=True) for _ in range(12)]
    for person in people:
        AppointmentFactory(organ=organ, term_id=1, person=person)
    with django_assert_num_queries(3):
        html = _html(client.get("/danh-ba/"))
    for person in people:
        assert f'href="mailto:{person.email}"' in html, person.email


def test_organ_page_lists_current_members_by_rank(client, demo_org):
    html = _main(_html(client.get("/to-chuc/dang-uy-phuong-an-phong/")))
    order = [html.index(n) for n in ["Lê Khắc Nguyên Anh", "Nguyễn Văn Phức", "Lâm Văn Đạt"]]
    assert order == sorted(order)
    assert "Chức năng, nhiệm vụ" in html
    assert 'href="/to-chuc/ban-thuong-vu-dang-uy-phuong/"' in html  # its child organs


def test_organ_page_history_across_two_terms(client, db, ward):
    organ = OrganFactory(name="Ủy ban nhân dân phường thử")
    old_term = TermFactory(previous=True)
    new_term = TermFactory()
    AppointmentFactory(
        organ=organ, term=old_term, person__full_name="Trần Văn Cũ", title="Chủ tịch", rank=1
    )
    AppointmentFactory(
        organ=organ, term=new_term, person__full_name="Phạm Văn Mới", title="Chủ tịch", rank=1
    )
    current = _main(_html(client.get(organ.get_absolute_url())))
    assert "Phạm Văn Mới" in current
    assert "Trần Văn Cũ" not in current
    assert f'href="{organ.get_absolute_url()}?nhiem-ky=2020-2025"' in current

    previous = _main(_html(client.get(organ.get_absolute_url(), {"nhiem-ky": "2020-2025"})))
    assert "Nhân sự nhiệm kỳ 2020–2025" in previous
    assert "Trần Văn Cũ" in previous
    assert "Phạm Văn Mới" not in previous

    assert client.get(organ.get_absolute_url(), {"nhiem-ky": "1990-1995"}).status_code == 404


def test_person_page_keeps_past_posts_as_history(client, db, ward):
    person = PersonFactory(full_name="Nguyễn Thị Lịch Sử")
    old = AppointmentFactory(
        person=person, term=TermFactory(previous=True), title="Phó Chủ tịch", rank=2
    )
    AppointmentFactory(person=person, organ=old.organ, title="Chủ tịch", rank=1)
    html = _main(_html(client.get(person.get_absolute_url())))
    history = html.split("Quá trình công tác", 1)[1]
    assert history.index("Chủ tịch") < history.index("Phó Chủ tịch")
    assert "2020–2025" in history and "2025–2030" in history
    assert history.count("Đang đảm nhiệm") == 1
    assert "đến 13/08/2025" in history  # the old term's end closes the post


def test_one_person_in_several_organs(client, db, ward):
    person = PersonFactory(full_name="Lê Văn Kiêm Nhiệm", published=True)
    party = OrganFactory(name="Đảng ủy phường thử", order=1)
    council = OrganFactory(name="Hội đồng nhân dân phường thử", order=2)
    AppointmentFactory(person=person, organ=party, title="Bí thư", rank=1, key=True)
    AppointmentFactory(person=person, organ=council, title="Chủ tịch", rank=1, key=True)

    for organ in (party, council):
        assert "Lê Văn Kiêm Nhiệm" in _html(client.get(organ.get_absolute_url()))
    page = _main(_html(client.get(person.get_absolute_url())))
    assert "Đảng ủy phường thử" in page and "Hội đồng nhân dân phường thử" in page

    leaders = _main(_html(client.get("/lanh-dao/")))
    assert leaders.count("Lê Văn Kiêm Nhiệm") == 1  # one entry, both posts
    assert leaders.index("Bí thư") < leaders.index("Chủ tịch")

    directory = _main(_html(client.get("/danh-ba/")))
    assert directory.count(">Lê Văn Kiêm Nhiệm<") == 2  # once per unit


def test_unpublished_contacts_never_appear(client, db, ward):
    hidden = PersonFactory(
        full_name="Võ Văn Kín", phone="0225 3777 001", email="kin@anphong.example"
    )
    shown = PersonFactory(
        full_name="Võ Văn Mở", phone="0225 3777 002", email="mo@anphong.example", published=True
    )
    organ = OrganFactory()
    AppointmentFactory(person=hidden, organ=organ, key=True)
    AppointmentFactory(person=shown, organ=organ, key=True, title="Phó Chủ tịch")
    for path in [
        "/danh-ba/",
        "/lanh-dao/",
        organ.get_absolute_url(),
        hidden.get_absolute_url(),
        "/en/danh-ba/",
        "/en" + hidden.get_absolute_url(),
    ]:
        html = _html(client.get(path))
        assert "0225 3777 001" not in html, path
        assert "kin@anphong.example" not in html, path
    assert "Võ Văn Kín" not in _main(_html(client.get("/danh-ba/")))
    for path in ["/danh-ba/", "/lanh-dao/", shown.get_absolute_url()]:
        html = _html(client.get(path))
        assert 'href="tel:02253777002"' in html, path
        assert 'href="mailto:mo@anphong.example"' in html, path
    assert "chưa được công khai" in _html(client.get(hidden.get_absolute_url()))


def test_directory_is_printable_and_marks_demo_contacts(client, demo_org):
    html = _html(client.get("/danh-ba/"))
    assert 'media="print"' in html  # the site's print stylesheet
    assert "js/print-button.js" in html and "data-print hidden" in html
    main = _main(html)
    for header in ["Họ và tên", "Chức danh", "Điện thoại", "Thư điện tử"]:
        assert f">{header}</th>" in main
    assert "Dữ liệu minh họa" in main
    row = main.split(">Lê Khắc Nguyên Anh<", 1)[1].split("</tr>", 1)[0]
    assert "0225 3000 201" in row and "Dữ liệu minh họa" in row
    assert "Bùi Thị Thí Điểm" not in main  # demo person whose record does not publish


def test_demo_people_are_marked_wherever_they_appear(client, demo_org):
    demo = Person.objects.get(full_name="Trần Minh Họa")
    page = _main(_html(client.get(demo.get_absolute_url())))
    assert "không phải người thật" in page
    organ_page = _main(_html(client.get("/to-chuc/uy-ban-kiem-tra-dang-uy-phuong/")))
    row = organ_page.split(">Trần Minh Họa<", 1)[1].split("</tr>", 1)[0]
    assert "Dữ liệu minh họa" in row
    real = _main(_html(client.get(Person.objects.get(full_name="Lâm Văn Đạt").get_absolute_url())))
    assert "không phải người thật" not in real


def test_leadership_lists_the_three_key_people_in_order(client, demo_org):
    html = _main(_html(client.get("/lanh-dao/")))
    names = ["Lê Khắc Nguyên Anh", "Lâm Văn Đạt", "Nguyễn Văn Phức"]
    positions = [html.index(n) for n in names]
    assert positions == sorted(positions)
    anh = html[positions[0] : positions[1]]
    assert anh.index("Bí thư") < anh.index("Chủ tịch") and "Hội đồng nhân dân" in anh
    dat = html[positions[1] : positions[2]]
    assert "Phó Bí thư" in dat and "Ủy ban nhân dân phường An Phong" in dat
    assert "Dữ liệu minh họa" in html  # their contacts are not known yet
    assert "Trần Minh Họa" not in html  # not a key post


def test_navigation_shows_organisation(client, demo_org):
    html = _html(client.get("/"))
    nav = html.split('id="main-nav"')[1].split("</nav>")[0]
    assert 'href="/to-chuc/"' in nav


def test_sitemap_lists_organs_and_people_in_both_languages(client, demo_org):
    index = _html(client.get("/sitemap.xml"))
    for section in ["organisation", "organs", "people"]:
        assert f"<loc>http://testserver/sitemap-{section}.xml</loc>" in index
    body = "".join(
        _html(client.get(f"/sitemap-{section}.xml"))
        for section in ["organisation", "organs", "people"]
    )
    assert "<loc>http://testserver/to-chuc/dang-uy-phuong-an-phong/</loc>" in body
    assert "<loc>http://testserver/en/to-chuc/dang-uy-phuong-an-phong/</loc>" in body
    assert "<loc>http://testserver/nhan-su/le-khac-nguyen-anh/</loc>" in body
    assert "<loc>http://testserver/danh-ba/</loc>" in body
    assert "<loc>http://testserver/dai-hoi/</loc>" in body
    assert 'hreflang="en"' in body


@pytest.mark.parametrize(
    "name", ["personnel:leadership", "personnel:directory", "congress:congress"]
)
def test_organisation_section_is_current_in_navigation(client, db, name):
    call_command("load_demo", verbosity=0)
    html = client.get(reverse(name)).content.decode()
    assert 'href="/to-chuc/" aria-current="page"' in html
