"""Every row of the transition table carries what the desk expects of its move.

The expectations are written out here independently of procedures.transitions, so a row
whose permission, label, printed form or clock effect changes must fail a test.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from procedures.access import PROCESS, RECEIVE, permission_for
from procedures.constants import DossierStatus as S
from procedures.constants import PrintForm
from procedures.deadlines import PAUSE_STATUSES
from procedures.transitions import TRANSITIONS, Clock

# The desk receives, refuses, asks for documents before acceptance, records early
# withdrawals and hands out results; everything else is the officers' processing.
RECEPTION = {
    (S.NEW, S.ACCEPTED),
    (S.NEW, S.REFUSED),
    (S.NEW, S.SUPPLEMENT_REQUESTED),
    (S.NEW, S.WITHDRAWAL_REQUESTED),
    (S.ACCEPTED, S.WITHDRAWAL_REQUESTED),
    (S.DONE, S.RETURNED),
}

# The desk's button for each target status.
LABELS = {
    S.ACCEPTED: "Tiếp nhận hồ sơ",
    S.REFUSED: "Từ chối tiếp nhận",
    S.PROCESSING: "Chuyển xử lý",
    S.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    S.FINANCIAL_OBLIGATION: "Yêu cầu thực hiện nghĩa vụ tài chính",
    S.WITHDRAWAL_REQUESTED: "Ghi nhận yêu cầu rút hồ sơ",
    S.STOPPED: "Dừng xử lý",
    S.DONE: "Đã xử lý xong",
    S.RETURNED: "Đã trả kết quả",
}

NOTE_LABELS = {
    S.REFUSED: "Lý do không tiếp nhận (ghi trên phiếu từ chối, mẫu 03)",
    S.SUPPLEMENT_REQUESTED: "Hướng dẫn bổ sung, đầy đủ trong một lần (mẫu 02)",
    S.STOPPED: "Lý do dừng xử lý",
    S.FINANCIAL_OBLIGATION: "Hướng dẫn nộp (nơi nộp, thời hạn)",
    S.WITHDRAWAL_REQUESTED: "Lý do công dân rút hồ sơ",
}

PRINTS = {
    (S.NEW, S.ACCEPTED): PrintForm.RECEIPT,
    (S.NEW, S.REFUSED): PrintForm.REFUSAL,
    (S.NEW, S.SUPPLEMENT_REQUESTED): PrintForm.SUPPLEMENT,
    (S.PROCESSING, S.SUPPLEMENT_REQUESTED): PrintForm.SUPPLEMENT,
    (S.PROCESSING, S.STOPPED): PrintForm.STOP_NOTICE,
    (S.SUPPLEMENT_REQUESTED, S.STOPPED): PrintForm.STOP_NOTICE,
    (S.FINANCIAL_OBLIGATION, S.STOPPED): PrintForm.STOP_NOTICE,
    (S.WITHDRAWAL_REQUESTED, S.STOPPED): PrintForm.STOP_NOTICE,
}

CLOCK = {
    (S.NEW, S.ACCEPTED): Clock.START,
    (S.NEW, S.SUPPLEMENT_REQUESTED): Clock.PAUSE,
    (S.PROCESSING, S.SUPPLEMENT_REQUESTED): Clock.PAUSE,
    (S.PROCESSING, S.FINANCIAL_OBLIGATION): Clock.PAUSE,
    (S.SUPPLEMENT_REQUESTED, S.PROCESSING): Clock.RESUME,
    (S.FINANCIAL_OBLIGATION, S.PROCESSING): Clock.RESUME,
    (S.PROCESSING, S.DONE): Clock.FINISH,
}

ROWS = sorted(TRANSITIONS)


@pytest.mark.parametrize("pair", ROWS)
def test_permission_of_each_row(pair):
    expected = RECEIVE if pair in RECEPTION else PROCESS
    assert TRANSITIONS[pair].permission == expected
    assert permission_for(*pair) == expected


def test_a_move_the_table_does_not_have_asks_for_the_processing_permission():
    """permission_for answers for any pair (the dossier page asks before the table
    refuses): a move that does not exist needs the processing permission, never nothing."""
    assert (S.RETURNED, S.NEW) not in TRANSITIONS
    assert permission_for(S.RETURNED, S.NEW) == PROCESS


@pytest.mark.parametrize("pair", ROWS)
def test_labels_of_each_row(pair):
    rule = TRANSITIONS[pair]
    assert str(rule.label) == LABELS[pair[1]]
    assert str(rule.note_label) == NOTE_LABELS.get(pair[1], "")


@pytest.mark.parametrize("pair", ROWS)
def test_the_desk_asks_a_reason_for_a_withdrawal(pair):
    assert TRANSITIONS[pair].note_required_at_desk == (pair[1] == S.WITHDRAWAL_REQUESTED)


@pytest.mark.parametrize("pair", ROWS)
def test_printed_form_and_clock_of_each_row(pair):
    assert TRANSITIONS[pair].prints == PRINTS.get(pair, "")
    assert TRANSITIONS[pair].clock == CLOCK.get(pair, Clock.UNCHANGED)


def test_the_clock_stops_while_the_office_waits_for_the_resident():
    assert PAUSE_STATUSES == {S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION}


@pytest.mark.django_db
def test_registration_at_the_desk_hides_post_data_from_error_reports(client):
    user = get_user_model().objects.create(username="lanhdao", is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.post(reverse("admin:procedures_dossier_register"), {"id_number": "0310"})
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"
