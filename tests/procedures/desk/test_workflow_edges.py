"""Workflow edges: what the officer reads when the staff rules refuse a step."""

import pytest

from procedures.constants import DossierStatus as S
from procedures.workflow import TransitionRefused, dossier_transition
from tests.procedures.factories import DossierFactory, RequiredDocumentFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db


def refusal(**kwargs):
    with pytest.raises(TransitionRefused) as info:
        dossier_transition(**kwargs)
    return info.value.messages


def test_an_officer_without_the_right_reads_why(procedure_a, officer):
    dossier = DossierFactory(procedure=procedure_a)
    assert refusal(dossier=dossier, to_status=S.ACCEPTED, actor=officer) == [
        "Tài khoản của bạn không có quyền thực hiện bước này với hồ sơ này."
    ]


def test_a_step_outside_the_table_names_both_statuses(procedure_a, leader, clock):
    dossier = DossierFactory(procedure=procedure_a)
    assert refusal(dossier=dossier, to_status=S.RETURNED, actor=leader) == [
        "Không thể chuyển hồ sơ từ “Mới đăng ký” sang “Đã trả kết quả”."
    ]


@pytest.mark.parametrize("note", ["", "   \n "])
def test_a_refusal_needs_a_reason_the_resident_can_read(procedure_a, leader, clock, note):
    dossier = DossierFactory(procedure=procedure_a)
    assert refusal(dossier=dossier, to_status=S.REFUSED, actor=leader, public_note=note) == [
        "Cần ghi rõ lý do gửi công dân."
    ]


def test_notes_are_stored_without_surrounding_blanks(procedure_a, leader, clock):
    dossier = DossierFactory(procedure=procedure_a)
    event = dossier_transition(
        dossier=dossier,
        to_status=S.REFUSED,
        actor=leader,
        public_note="  Hồ sơ không thuộc thẩm quyền của phường.\n",
        internal_note="\n Đã gọi điện báo.  ",
    )
    event.refresh_from_db()
    assert event.public_note == "Hồ sơ không thuộc thẩm quyền của phường."
    assert event.internal_note == "Đã gọi điện báo."


def test_a_supplement_request_names_the_missing_input(procedure_a, leader, clock):
    dossier = DossierFactory(procedure=procedure_a)
    kwargs = {"dossier": dossier, "actor": leader, "public_note": "Bổ sung"}
    assert refusal(to_status=S.SUPPLEMENT_REQUESTED, documents=[], **kwargs) == [
        "Thiếu thông tin: documents."
    ]
    assert refusal(
        to_status=S.SUPPLEMENT_REQUESTED, documents=[RequiredDocumentFactory()], **kwargs
    ) == ["Chỉ chọn giấy tờ thuộc thành phần hồ sơ của thủ tục này."]


def test_the_second_supplement_request_needs_a_leader(procedure_a, leader, officer, clock):
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
    dossier.refresh_from_db()
    request = {
        "to_status": S.SUPPLEMENT_REQUESTED,
        "public_note": "Bổ sung bản sao.",
        "documents": [RequiredDocumentFactory(procedure=procedure_a)],
    }
    dossier_transition(dossier=dossier, actor=officer, **request)
    dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=None)
    assert refusal(dossier=dossier, actor=officer, **request) == [
        "Hồ sơ đã được yêu cầu bổ sung một lần. Yêu cầu bổ sung lần thứ hai "
        "phải do lãnh đạo duyệt và thực hiện."
    ]


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (0, "Thiếu thông tin: amount."),
        (-1, "Số tiền phải là số nguyên dương (đồng)."),
        (True, "Số tiền phải là số nguyên dương (đồng)."),
        ("50000", "Số tiền phải là số nguyên dương (đồng)."),
        (1.5, "Số tiền phải là số nguyên dương (đồng)."),
    ],
)
def test_an_obligation_is_a_positive_whole_number_of_dong(
    procedure_a, leader, clock, amount, message
):
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
    assert refusal(
        dossier=dossier, to_status=S.FINANCIAL_OBLIGATION, actor=leader, amount=amount
    ) == [message]


def test_the_smallest_obligation_is_one_dong(procedure_a, leader, clock):
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
    dossier_transition(dossier=dossier, to_status=S.FINANCIAL_OBLIGATION, actor=leader, amount=1)
    assert (dossier.status, dossier.obligation_amount) == (S.FINANCIAL_OBLIGATION, 1)


def test_an_overdue_dossier_asks_for_the_apology_first(procedure_a, leader, clock):
    clock.now = at(2026, 3, 2, 8)
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
    clock.now = at(2026, 3, 6, 9)  # due Thursday 5/3 at 17:00
    assert refusal(dossier=dossier, to_status=S.DONE, actor=leader) == [
        "Hồ sơ đã quá ngày hẹn trả. Lập phiếu xin lỗi và đề nghị gia hạn (mẫu 04) "
        "trước khi tiếp tục."
    ]


def test_a_step_taken_without_notes_records_none(procedure_a, leader, clock):
    """Acceptance at the desk's registration passes no note: the history, which the
    resident's timeline and the control sheet show, has none either."""
    dossier = DossierFactory(procedure=procedure_a)
    event = dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=leader)
    event.refresh_from_db()
    assert (event.public_note, event.internal_note) == ("", "")


def test_a_supplement_request_keeps_its_note_without_surrounding_blanks(procedure_a, leader, clock):
    dossier = DossierFactory(procedure=procedure_a)
    dossier_transition(
        dossier=dossier,
        to_status=S.SUPPLEMENT_REQUESTED,
        actor=leader,
        public_note="\n  Bổ sung bản sao giấy khai sinh.  \n",
        documents=[RequiredDocumentFactory(procedure=procedure_a)],
    )
    assert dossier.supplement_requests.get().note == "Bổ sung bản sao giấy khai sinh."
