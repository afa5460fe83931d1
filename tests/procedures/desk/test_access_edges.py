"""Access edges: a former officer (staff status removed, groups kept) sees and registers
nothing; narrowing keeps the caller's selection; the rules cost no repeated queries."""

import pytest
from django.contrib.auth.models import AnonymousUser

from procedures import access
from procedures.models import Dossier
from staff import roles
from tests.procedures.factories import DossierFactory, ProcedureFactory
from tests.staff.fixtures import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def former_reception(field_a):
    """A desk officer who left: the admin unticked "staff status", the group stayed."""
    user = make_staff(roles.RECEPTION, field_a, username="danghi")
    user.is_staff = False
    user.save(update_fields=["is_staff"])
    return user


def test_former_officer_sees_no_dossier(procedure_a, former_reception):
    dossier = DossierFactory(procedure=procedure_a)
    assert not access.visible_dossiers(former_reception).exists()
    # The page's own check too (the group still grants the view permission).
    assert former_reception.has_perm(access.VIEW)
    assert not access.can_see(former_reception, dossier)


def test_former_officer_may_not_register_at_the_desk(procedure_a, former_reception):
    assert not access.can_register(former_reception)
    assert not access.can_register(former_reception, procedure_a)
    assert not access.registrable_procedures(former_reception).exists()


def test_a_visitor_who_is_not_logged_in_may_not_register(procedure_a):
    assert not access.can_register(AnonymousUser())
    assert not access.can_register(AnonymousUser(), procedure_a)


def test_narrowing_keeps_the_callers_selection(procedure_a, officer, leader):
    mine, other = DossierFactory(procedure=procedure_a), DossierFactory(procedure=procedure_a)
    selection = Dossier.objects.filter(pk=mine.pk)
    assert list(access.visible_dossiers(leader, selection)) == [mine]
    assert list(access.visible_dossiers(officer, selection)) == [mine]
    assert set(access.visible_dossiers(officer)) == {mine, other}


def test_officer_sees_the_dossiers_of_every_procedure_of_the_field(field_a, field_b, officer):
    first, second = ProcedureFactory(field=field_a), ProcedureFactory(field=field_a)
    mine = {DossierFactory(procedure=first), DossierFactory(procedure=second)}
    DossierFactory(procedure=ProcedureFactory(field=field_b))
    assert set(access.visible_dossiers(officer)) == mine


def test_an_officers_queue_reads_the_procedures_of_his_fields_in_one_query(
    procedure_a, officer, django_assert_num_queries
):
    """Nothing is kept on the user between calls: each look reads the procedure ids once
    (the permissions are Django's own per-user cache)."""
    dossier = DossierFactory(procedure=procedure_a)
    access.visible_dossiers(officer)  # Django caches the user's permissions
    with django_assert_num_queries(1):
        queue = access.visible_dossiers(officer)
    assert list(queue) == [dossier]


def test_the_desks_procedure_list_reads_the_fields_in_the_same_query(
    field_a, reception, django_assert_num_queries
):
    ProcedureFactory(field=field_a)
    ProcedureFactory(field=field_a)
    access.can_register(reception)  # permissions and fields, read once per request
    access.assigned_field_ids(reception)
    with django_assert_num_queries(1):
        names = [p.field.name for p in access.registrable_procedures(reception)]
    assert names == ["Hộ tịch", "Hộ tịch"]


def test_an_editor_sees_no_dossier(procedure_a):
    """Staff of the news side (the editor's role has no dossier permission) are refused
    by can_see, even for a dossier assigned to them by name."""
    editor = make_staff(roles.EDITOR, username="bientap")
    dossier = DossierFactory(procedure=procedure_a, assigned_to=editor)
    assert editor.is_staff and not editor.has_perm(access.VIEW)
    assert not access.can_see(editor, dossier)
    assert not access.visible_dossiers(editor).exists()
