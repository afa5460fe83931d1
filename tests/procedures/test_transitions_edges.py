"""Transition table edges: the printable forms a dossier's moves produce, as the desk sees them."""

import pytest
from django.urls import reverse

from procedures.constants import DossierStatus as S
from tests.procedures.factories import DossierFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db


def refusal_form_url(dossier):
    return reverse("admin:procedures_dossier_print", args=[dossier.pk, "03"])


def dossier_page(client, dossier):
    return client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk])).text


def test_only_a_refused_dossier_offers_and_prints_the_refusal_form(
    client, procedure_a, leader, clock
):
    """Form 03 (refusal of receipt) exists only for a dossier the desk refused: an accepted
    dossier's page does not offer it, and asking for it anyway finds nothing to print."""
    clock.now = at(2026, 2, 12, 10)
    accepted = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED])
    refused = DossierFactory(procedure=procedure_a, status_path=[S.REFUSED])
    client.force_login(leader)

    assert refusal_form_url(accepted) not in dossier_page(client, accepted)
    assert client.get(refusal_form_url(accepted)).status_code == 404

    assert refusal_form_url(refused) in dossier_page(client, refused)
    sheet = client.get(refusal_form_url(refused))
    assert sheet.status_code == 200 and "Ghi chú kiểm thử" in sheet.text


def test_entered_by_asks_both_questions_when_both_are_given():
    """entered_by(clock=…, prints=…) is the statuses some move enters with that clock
    effect AND printing that form; either alone is its own question."""
    from procedures.constants import PrintForm
    from procedures.transitions import TRANSITIONS, Clock, entered_by

    pause = {to for (_f, to), t in TRANSITIONS.items() if t.clock == Clock.PAUSE}
    supplement = {to for (_f, to), t in TRANSITIONS.items() if t.prints == PrintForm.SUPPLEMENT}
    refusal = {to for (_f, to), t in TRANSITIONS.items() if t.prints == PrintForm.REFUSAL}
    assert entered_by(clock=Clock.PAUSE) == pause
    assert entered_by(prints=PrintForm.REFUSAL) == refusal == {S.REFUSED}
    both = {
        to
        for (_f, to), t in TRANSITIONS.items()
        if t.clock == Clock.PAUSE and t.prints == PrintForm.SUPPLEMENT
    }
    assert entered_by(clock=Clock.PAUSE, prints=PrintForm.SUPPLEMENT) == both
    # The request for more documents pauses the clock and prints form 02.
    assert both and both <= pause & supplement
    # A clock effect with a form no move of that effect prints: nothing.
    assert entered_by(clock=Clock.START, prints=PrintForm.REFUSAL) == set()
