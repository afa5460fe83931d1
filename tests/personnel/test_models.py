"""Rules of organs, terms, people and appointments, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from personnel.models import Appointment, Organ, Person
from personnel.selectors import build_tree
from tests.personnel.factories import (
    AppointmentFactory,
    OrganFactory,
    PersonFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def test_people_sort_the_vietnamese_way_by_given_name():
    """Given name first; a < ă < â, d < đ; tones ngang < huyền < hỏi < ngã < sắc < nặng."""
    names = [
        "Nguyễn Văn Đạt",
        "Trần Văn Dũng",
        "Hoàng Văn Ân",
        "Lê Thị An",
        "Phạm Văn Ánh",
        "Vũ Thị Hạ",
        "Đỗ Thị Ha",
        "Bùi Thị Hả",
        "Lý Thị Hà",
        "Ngô Văn Ăn",
    ]
    for name in names:
        PersonFactory(full_name=name)
    assert [p.full_name for p in Person.objects.all()] == [
        "Lê Thị An",
        "Phạm Văn Ánh",
        "Ngô Văn Ăn",
        "Hoàng Văn Ân",
        "Trần Văn Dũng",
        "Nguyễn Văn Đạt",
        "Đỗ Thị Ha",
        "Lý Thị Hà",
        "Bùi Thị Hả",
        "Vũ Thị Hạ",
    ]


def test_same_given_name_sorts_by_family_name_then_middle():
    for name in ["Trần Văn An", "Đặng Thị An", "Bùi Văn An"]:
        PersonFactory(full_name=name)
    assert [p.full_name for p in Person.objects.all()] == [
        "Bùi Văn An",
        "Đặng Thị An",
        "Trần Văn An",
    ]


def test_names_are_stored_in_nfc_and_slugs_keep_d_stroke():
    decomposed = "Le\u0302 Kha\u0306c"  # not NFC; "Khắc" needs a breve + acute in NFC
    person = PersonFactory(full_name="  Đặng   Văn  Đức ")
    assert person.full_name == "Đặng Văn Đức"
    assert person.slug == "dang-van-duc"
    other = PersonFactory(full_name="Đặng Văn Đức")
    assert other.slug == "dang-van-duc-2"
    composed = PersonFactory(full_name=decomposed)
    assert composed.full_name == "Lê Kh\u0103c"


def test_members_order_by_rank_then_vietnamese_name():
    organ = OrganFactory()
    term = TermFactory()
    AppointmentFactory(organ=organ, term=term, person__full_name="Vũ Văn Yên", rank=10)
    AppointmentFactory(organ=organ, term=term, person__full_name="Đỗ Thị Đào", rank=2)
    AppointmentFactory(organ=organ, term=term, person__full_name="Trần Văn Dũng", rank=2)
    AppointmentFactory(organ=organ, term=term, person__full_name="Phạm Văn Anh", rank=1)
    names = [a.person.full_name for a in organ.appointments.current().in_chart_order()]
    assert names == ["Phạm Văn Anh", "Trần Văn Dũng", "Đỗ Thị Đào", "Vũ Văn Yên"]


def test_sibling_organs_order_by_order_then_name():
    OrganFactory(name="Hội Nông dân", order=5)
    OrganFactory(name="Đoàn Thanh niên", order=5)
    OrganFactory(name="Ủy ban Mặt trận", order=1)
    OrganFactory(name="Chi hội Dân", order=5)
    assert [o.name for o in Organ.objects.all()] == [
        "Ủy ban Mặt trận",
        "Chi hội Dân",
        "Đoàn Thanh niên",
        "Hội Nông dân",
    ]


def test_tree_keeps_children_of_a_dissolved_parent_visible():
    root = OrganFactory(name="Gốc")
    gone = OrganFactory(name="Đã giải thể", parent=root, is_active=False)
    child = OrganFactory(name="Con", parent=gone)
    roots = build_tree(list(Organ.objects.active()))
    assert roots == [root, child]
    assert roots[0].child_nodes == []


def test_organ_cannot_sit_under_its_own_descendant():
    top = OrganFactory()
    below = OrganFactory(parent=top)
    top.parent = below
    with pytest.raises(ValidationError) as excinfo:
        top.full_clean()
    assert excinfo.value.message_dict == {
        "parent": ["Cơ quan không thể trực thuộc chính nó hoặc cơ quan cấp dưới."]
    }


def test_appointment_end_before_start_is_refused():
    appointment = AppointmentFactory.build(
        person=PersonFactory(),
        organ=OrganFactory(),
        term=TermFactory(),
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2025, 8, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        appointment.full_clean()
    assert excinfo.value.message_dict["end_date"] == [
        "Ngày thôi giữ chức không thể trước ngày bắt đầu."
    ]


def test_end_before_start_is_refused_by_the_database_too():
    appointment = AppointmentFactory()
    appointment.end_date = appointment.start_date - datetime.timedelta(days=1)
    with (
        pytest.raises(IntegrityError, match="appointment_end_not_before_start"),
        transaction.atomic(),
    ):
        appointment.save()


def test_same_post_twice_in_one_term_is_refused_whatever_the_spelling():
    first = AppointmentFactory(title="Phó Bí thư")
    twin = Appointment(
        person=first.person,
        organ=first.organ,
        term=first.term,
        title="phó  bí   thư",
        start_date=first.start_date,
    )
    with pytest.raises(ValidationError) as excinfo:
        twin.full_clean()
    assert "title" in excinfo.value.message_dict
    assert "đã giữ chức" in excinfo.value.message_dict["title"][0]
    with pytest.raises(IntegrityError, match="(?i)unique constraint"), transaction.atomic():
        twin.save()


def test_same_post_in_another_term_or_another_organ_is_allowed():
    first = AppointmentFactory(title="Chủ tịch", term=TermFactory(previous=True), ended=True)
    again = Appointment(
        person=first.person,
        organ=first.organ,
        term=TermFactory(),
        title="Chủ tịch",
        start_date=datetime.date(2025, 8, 14),
    )
    again.full_clean()
    again.save()
    assert first.person.appointments.filter(title="Chủ tịch").count() == 2
    elsewhere = Appointment(
        person=first.person,
        organ=OrganFactory(),
        term=first.term,
        title="Chủ tịch",
        start_date=first.start_date,
    )
    elsewhere.full_clean()


def test_one_person_holds_several_posts_at_once():
    person = PersonFactory(full_name="Lê Khắc Nguyên Anh")
    party = OrganFactory(name="Đảng ủy phường")
    council = OrganFactory(name="Hội đồng nhân dân phường")
    AppointmentFactory(person=person, organ=party, title="Bí thư", rank=1)
    AppointmentFactory(person=person, organ=council, title="Chủ tịch", rank=1)
    current = person.appointments.current()
    assert {a.organ for a in current} == {party, council}


def test_current_means_started_not_ended_and_term_not_over():
    today = datetime.date(2026, 1, 10)
    running = AppointmentFactory()
    AppointmentFactory(ended=True)  # end date passed
    AppointmentFactory(term=TermFactory(previous=True))  # no end date, but its term is over
    AppointmentFactory(start_date=datetime.date(2026, 6, 1))  # not started yet
    assert list(Appointment.objects.current(on=today)) == [running]
    assert running.is_current(today) is True


def test_photo_needs_alt_text():
    person = PersonFactory.build(photo="people/2025/anh.jpg", photo_alt="  ")
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert excinfo.value.message_dict == {
        "photo_alt": ["Hãy mô tả ảnh để người khiếm thị cũng biết ảnh thể hiện gì."]
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL collations")
def test_order_holds_under_a_non_binary_database_collation():
    """A database created with en_US/ICU collation must still order names the Vietnamese way.

    The column is switched to an ICU collation (as a database created with one would have);
    the DDL is rolled back with the test's transaction.
    """
    with connection.cursor() as cursor:
        for table in ["personnel_person", "personnel_organ"]:
            cursor.execute(
                f"ALTER TABLE {table} ALTER COLUMN name_sort_key "
                'TYPE varchar(255) COLLATE "und-x-icu"'
            )
    names = ["Nguyễn Văn Đạt", "Vũ Thị Hạ", "Lê Thị An", "Hoàng Văn Ân", "Trần Văn Dũng"]
    for name in names:
        PersonFactory(full_name=name)
    assert [p.full_name for p in Person.objects.all()] == [
        "Lê Thị An",
        "Hoàng Văn Ân",
        "Trần Văn Dũng",
        "Nguyễn Văn Đạt",
        "Vũ Thị Hạ",
    ]
    organ = OrganFactory()
    for person in Person.objects.all():
        AppointmentFactory(organ=organ, person=person, rank=5)
    assert [a.person.full_name for a in organ.appointments.in_chart_order()][:2] == [
        "Lê Thị An",
        "Hoàng Văn Ân",
    ]
    OrganFactory(name="Đoàn Thanh niên", order=1)
    OrganFactory(name="Hội Nông dân", order=1)
    assert [o.name for o in Organ.objects.filter(order=1)] == ["Đoàn Thanh niên", "Hội Nông dân"]
