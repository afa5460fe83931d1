"""The demo content: real facts from FACTS.md, everything invented marked as demo."""

from io import StringIO

import pytest
from django.core.management import call_command

from congress.models import Congress, Target
from personnel.models import Appointment, Organ, Person, Term, post_key
from portal.text import fold, name_sort_key, slugify_vi, sort_key

pytestmark = pytest.mark.django_db

REAL_PEOPLE = {
    "Lê Khắc Nguyên Anh": {
        ("Bí thư", "Đảng ủy phường An Phong"),
        ("Chủ tịch", "Hội đồng nhân dân phường An Phong"),
    },
    "Lâm Văn Đạt": {
        ("Phó Bí thư", "Đảng ủy phường An Phong"),
        ("Chủ tịch", "Ủy ban nhân dân phường An Phong"),
    },
    "Nguyễn Văn Phức": {("Phó Bí thư Thường trực", "Đảng ủy phường An Phong")},
}


def test_load_demo_is_idempotent_for_the_organisation():
    call_command("load_demo", stdout=StringIO())
    models = [Term, Organ, Person, Appointment, Congress, Target]
    first = [m.objects.count() for m in models]
    call_command("load_demo", stdout=StringIO())
    assert [m.objects.count() for m in models] == first
    assert first[:4] == [2, 11, 9, 14]


def test_the_three_real_key_people_hold_their_facts_posts(demo_org):
    for name, posts in REAL_PEOPLE.items():
        person = Person.objects.get(full_name=name)
        assert not person.is_demo
        held = {(a.title, a.organ.name) for a in person.appointments.filter(is_key=True)}
        assert held == posts


def test_everyone_else_is_marked_demo_and_every_contact_is_marked_demo(demo_org):
    others = Person.objects.exclude(full_name__in=REAL_PEOPLE)
    assert others.count() == 6
    assert not others.filter(is_demo=False).exists()
    # Everyone (9) and five of the eleven organs show a phone number: all of them demo ones.
    assert Person.objects.exclude(phone="").count() == 9
    assert not Person.objects.exclude(phone="").filter(contacts_are_demo=False).exists()
    assert Organ.objects.exclude(phone="").count() == 5
    assert not Organ.objects.exclude(phone="").filter(contacts_are_demo=False).exists()
    # No invented decision numbers are presented as real.
    assert not Appointment.objects.exclude(decision_number="").exists()


def test_fixture_computed_columns_match_the_model_rules(demo_org):
    """loaddata bypasses save(): the fixture must carry what save() would compute."""
    assert (Person.objects.count(), Organ.objects.count(), Appointment.objects.count()) == (
        9,
        11,
        14,
    )
    for person in Person.objects.all():
        assert person.name_sort_key == name_sort_key(person.full_name)
        assert person.search_name == fold(person.full_name)
        assert person.slug == slugify_vi(person.full_name)
    for organ in Organ.objects.all():
        assert organ.name_sort_key == sort_key(organ.name)
        assert organ.search_name == fold(organ.name)
    for appointment in Appointment.objects.all():
        assert appointment.title_key == post_key(appointment.title)


def test_demo_congress_matches_the_facts(demo_org):
    congress = Congress.objects.get()
    assert (str(congress.held_on), congress.delegates, congress.number) == ("2025-08-14", 160, 1)
    assert congress.items.filter(kind="breakthrough").count() == 3
    assert Target.objects.of_term(congress.term.name).count() == 11
    assert {o.name for o in congress.appointed_organs.all()} == {
        "Đảng ủy phường An Phong",
        "Ban Thường vụ Đảng ủy phường An Phong",
        "Ủy ban Kiểm tra Đảng ủy phường An Phong",
    }


def test_only_party_posts_sit_in_the_term_the_congress_opened(demo_org):
    """State and Front posts keep their own term, unknown from any source (FACTS.md), so
    that term is marked demo; what each real leader is in charge of is unknown too."""
    congress = Congress.objects.get()
    party_term = Appointment.objects.filter(term=congress.term)
    assert set(party_term.values_list("organ__kind", flat=True)) == {"party"}
    state = Appointment.objects.filter(organ__kind__in=["council", "committee", "front"])
    assert state.exists() and not state.filter(term__is_demo=False).exists()
    assert not Person.objects.filter(is_demo=False).exclude(duties="").exists()
