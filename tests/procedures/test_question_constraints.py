"""A procedure's own questions refuse impossible answers (issue 14, item 4) and read numbers
the way residents write them: dot for thousands, comma for decimals (item 5)."""

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from procedures.constants import DateLimit
from procedures.desk.counter import PROCEDURE_PARAM
from procedures.models import Dossier, ProcedureQuestion
from procedures.numbers import VietnameseNumberField, format_number, parse_number
from tests.procedures.desk.test_counter import post_data
from tests.procedures.factories import ProcedureFactory, QuestionFactory, RequiredDocumentFactory
from tests.procedures.journey import applicant_data, fill_until_check, step_url, submission_token

pytestmark = pytest.mark.django_db

GROUPING = "dấu chấm tách hàng nghìn theo nhóm 3 chữ số"


# --- reading and writing numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("500.000.000", Decimal("500000000")),
        ("1.000", Decimal("1000")),
        ("2,5", Decimal("2.5")),
        ("1.000.000,75", Decimal("1000000.75")),
        ("  12 ", Decimal("12")),
        ("500 000 000", Decimal("500000000")),  # spaces group thousands too
        ("\u22123", Decimal("-3")),  # the minus sign of a word processor
        ("-3", Decimal("-3")),
        ("0", Decimal("0")),
    ],
)
def test_numbers_read_the_vietnamese_way(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("2.5", "grouping"),  # English decimals, or a mistyped thousand: never guessed
        ("1.00", "grouping"),
        ("12.345.67", "grouping"),
        ("1,2,3", "grouping"),
        ("1,5.000", "grouping"),
        (".5", "grouping"),
        ("abc", "invalid"),
        ("1e5", "invalid"),
        ("5 triệu", "invalid"),
        ("\u0663", "invalid"),  # an Arabic-Indic three: not read as 3
    ],
)
def test_unreadable_numbers_are_refused_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as info:
        parse_number(typed)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("500000000"), "500.000.000"),
        (Decimal("2.50"), "2,5"),
        (Decimal("-1000.25"), "-1.000,25"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("0.00"), "0"),
        (7, "7"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, written):
    assert format_number(value) == written


def test_whole_number_field_messages():
    field = VietnameseNumberField(whole=True, min_value=1, max_value=1000)
    assert field.clean("1.000") == 1000
    for typed, words in [
        ("2,5", "Nhập số nguyên"),
        ("0", "Nhập số từ 1 đến 1.000."),
        ("1.001", "Nhập số từ 1 đến 1.000."),
        ("2.5", GROUPING),
    ]:
        with pytest.raises(ValidationError) as info:
            field.clean(typed)
        assert words in info.value.messages[0], typed


def test_decimal_field_messages():
    field = VietnameseNumberField(whole=False, min_value=Decimal("0.5"))
    assert field.clean("2,25") == Decimal("2.25")
    with pytest.raises(ValidationError, match="tối đa 2 chữ số"):
        field.clean("1,000")  # an English thousand: three decimals, refused with the way out
    with pytest.raises(ValidationError, match="Nhập số từ 0,5 trở lên."):
        field.clean("0,25")
    with pytest.raises(ValidationError, match="tối đa 13 chữ số"):
        field.clean("10.000.000.000.000")
    assert VietnameseNumberField(max_value=10).clean("10") == 10
    with pytest.raises(ValidationError, match="Nhập số không lớn hơn 10."):
        VietnameseNumberField(max_value=10).clean("10,01")


# --- the online form --------------------------------------------------------------------------


@pytest.fixture
def started(client, ward, procedure):
    """The online form of `procedure` with its applicant step done."""
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    response = client.post(step_url(procedure, "nguoi-nop"), applicant_data())
    assert response.status_code == 302
    return procedure


def answers(**extra):
    born = timezone.localdate() - dt.timedelta(days=40)
    return {"ten_tre": "Nguyễn Văn Bình", "ngay_sinh_tre": born.strftime("%d/%m/%Y"), **extra}


def error_of(html, key):
    """The message beside the question's input, as text."""
    found = re.search(rf'id="id_{key}_error"[^>]*>(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else None


@pytest.mark.parametrize("typed", ["-3", "\u22123", "0", "2,5", "51", "ba"])
def test_impossible_number_of_copies_is_refused_beside_the_field(client, started, typed):
    QuestionFactory(
        procedure=started,
        key="so_ban",
        label="Số bản",
        kind="number",
        whole_number=True,
        min_value=1,
        max_value=50,
    )
    response = client.post(step_url(started, "cau-hoi"), answers(so_ban=typed))
    html = response.content.decode()
    assert response.status_code == 200
    assert error_of(html, "so_ban")
    assert 'href="#id_so_ban"' in html  # in the summary on top
    assert f'value="{typed}"' in html  # what the resident typed is kept
    state = client.session[f"portal:wizard:{started.pk}"]
    assert state["answers"] is None


def test_number_of_copies_messages_say_what_is_allowed(client, started):
    QuestionFactory(
        procedure=started, key="so_ban", label="Số bản", kind="number", min_value=1, max_value=50
    )
    html = client.post(step_url(started, "cau-hoi"), answers(so_ban="0")).content.decode()
    assert error_of(html, "so_ban") == "Nhập số từ 1 đến 50."
    html = client.post(step_url(started, "cau-hoi"), answers(so_ban="2,5")).content.decode()
    assert "Nhập số nguyên" in error_of(html, "so_ban")
    assert 'inputmode="numeric"' in html and "Từ 1 đến 50." in html  # the hint


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("500.000.000", "500.000.000"), ("1.000", "1.000"), ("2,5", "2,5"), ("1.500,75", "1.500,75")],
)
def test_amounts_written_the_vietnamese_way_are_accepted(client, started, typed, kept):
    QuestionFactory(
        procedure=started, key="von", label="Vốn", kind="number", whole_number=False, min_value=1
    )
    response = client.post(step_url(started, "cau-hoi"), answers(von=typed))
    assert response.status_code == 302, error_of(response.content.decode(), "von")
    assert client.session[f"portal:wizard:{started.pk}"]["answers"]["von"] == kept
    # Back to the step: the answer is shown as it was written.
    html = client.get(step_url(started, "cau-hoi")).content.decode()
    assert f'value="{kept}"' in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2.5", GROUPING),
        ("1.00", GROUPING),
        ("1,000", "tối đa 2 chữ số"),
        ("năm trăm", "Nhập một số, ví dụ 1.500.000 hoặc 2,5."),
    ],
)
def test_ambiguous_or_malformed_amounts_get_a_clear_message(client, started, typed, message):
    QuestionFactory(procedure=started, key="von", label="Vốn", kind="number", whole_number=False)
    html = client.post(step_url(started, "cau-hoi"), answers(von=typed)).content.decode()
    assert message in error_of(html, "von")
    assert f'value="{typed}"' in html


def test_amount_is_shown_and_kept_the_vietnamese_way(client, ward, procedure):
    QuestionFactory(procedure=procedure, key="von", label="Vốn (đồng)", kind="number")
    QuestionFactory(
        procedure=procedure,
        key="dien_tich",
        label="Diện tích (m²)",
        kind="number",
        whole_number=False,
    )
    check = fill_until_check(
        client, procedure, answers=answers(von="500.000.000", dien_tich="72,5")
    )
    html = check.content.decode()
    assert "<dd>500.000.000</dd>" in html and "<dd>72,5</dd>" in html
    response = client.post(
        step_url(procedure, "kiem-tra"), {"submission_token": submission_token(check)}
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.answers["von"]["value"] == "500.000.000"
    assert dossier.answers["dien_tich"]["value"] == "72,5"


def test_questions_without_a_bound_take_any_number(client, started):
    # A question configured before the bounds existed: decimals and negatives, as before.
    QuestionFactory(procedure=started, key="chenh_lech", kind="number", whole_number=False)
    response = client.post(step_url(started, "cau-hoi"), answers(chenh_lech="-1.250,5"))
    assert response.status_code == 302
    assert client.session[f"portal:wizard:{started.pk}"]["answers"]["chenh_lech"] == "-1.250,5"


@pytest.mark.parametrize(
    ("limit", "days", "accepted"),
    [
        (DateLimit.NOT_FUTURE, 0, True),
        (DateLimit.NOT_FUTURE, 1, False),
        (DateLimit.NOT_FUTURE, 366, False),  # a child born next year
        (DateLimit.NOT_FUTURE, -3650, True),
        (DateLimit.NOT_PAST, 0, True),
        (DateLimit.NOT_PAST, -1, False),
        (DateLimit.NOT_PAST, 30, True),
        (DateLimit.ANY, 366, True),
        (DateLimit.ANY, -366, True),
    ],
)
def test_dates_limited_to_past_or_future(client, started, clock, limit, days, accepted):
    started.questions.filter(key="ngay_sinh_tre").update(date_limit=limit)
    day = timezone.localdate() + dt.timedelta(days=days)
    typed = day.strftime("%d/%m/%Y")
    response = client.post(step_url(started, "cau-hoi"), answers(ngay_sinh_tre=typed))
    html = response.content.decode()
    if accepted:
        assert response.status_code == 302, error_of(html, "ngay_sinh_tre")
        return
    today = timezone.localdate().strftime("%d/%m/%Y")
    word = "sau" if days > 0 else "trước"
    assert error_of(html, "ngay_sinh_tre") == f"Ngày này không được {word} ngày hôm nay ({today})."
    assert f'value="{typed}"' in html


# --- the desk -------------------------------------------------------------------------------


def test_the_desk_refuses_impossible_answers_too(client, reception, field_a):
    p = ProcedureFactory(name="Khai sinh tại quầy", field=field_a)
    for name in ("Tờ khai", "Giấy chứng sinh", "Ủy quyền"):
        RequiredDocumentFactory(procedure=p, name=name, is_mandatory=name != "Ủy quyền")
    QuestionFactory(procedure=p, key="ten_tre", label="Tên của trẻ", kind="text")
    QuestionFactory(
        procedure=p, key="so_ban", label="Số bản", kind="number", min_value=1, max_value=50
    )
    QuestionFactory(
        procedure=p,
        key="ngay_sinh",
        label="Ngày sinh",
        kind="date",
        date_limit=DateLimit.NOT_FUTURE,
    )
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    client.force_login(reception)
    url = f"{reverse('admin:procedures_dossier_register')}?{PROCEDURE_PARAM}={p.pk}"
    data = post_data(p, **{"q-ten_tre": "Bình", "q-so_ban": "2,5", "q-ngay_sinh": tomorrow})
    html = client.post(url, data).content.decode()
    assert "Nhập số nguyên" in html and "không được sau ngày hôm nay" in html
    assert 'value="2,5"' in html and not Dossier.objects.exists()
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    data = post_data(p, **{"q-ten_tre": "Bình", "q-so_ban": "1.000", "q-ngay_sinh": yesterday})
    assert "Nhập số từ 1 đến 50." in client.post(url, data).content.decode()
    data = post_data(p, **{"q-ten_tre": "Bình", "q-so_ban": "12", "q-ngay_sinh": yesterday})
    assert client.post(url, data).status_code == 302
    assert Dossier.objects.get().answers["so_ban"]["value"] == "12"


# --- the admin ------------------------------------------------------------------------------


def question_form(procedure, **data):
    from procedures.admin import ProcedureQuestionForm

    fields = {
        "order": 0,
        "key": "so_ban",
        "label": "Số bản",
        "kind": "number",
        "required": "on",
        "whole_number": "on",
        "date_limit": "",
        **data,
    }
    return ProcedureQuestionForm(
        {k: v for k, v in fields.items() if v is not None},
        instance=ProcedureQuestion(procedure=procedure),
    )


def test_admin_takes_bounds_written_the_vietnamese_way(procedure):
    form = question_form(procedure, min_value="1", max_value="1.000")
    assert form.is_valid(), form.errors
    question = form.save()
    assert (question.min_value, question.max_value) == (1, 1000)
    shown = question_form(procedure).__class__(instance=question)
    assert 'value="1.000"' in str(shown["max_value"])


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"min_value": "10", "max_value": "5"}, "max_value", "không được nhỏ hơn"),
        ({"min_value": "0,5"}, "min_value", "số nguyên"),
        ({"kind": "text", "min_value": "1"}, "min_value", "kiểu 'Số'"),
        ({"kind": "number", "date_limit": "not_future"}, "date_limit", "kiểu 'Ngày'"),
        ({"min_value": "2.5"}, "min_value", GROUPING),
    ],
)
def test_admin_refuses_constraints_that_make_no_sense(procedure, data, field, words):
    form = question_form(procedure, **data)
    assert not form.is_valid()
    assert words in " ".join(form.errors[field])


def test_admin_question_inline_offers_the_constraints(admin_client, procedure):
    html = admin_client.get(
        reverse("admin:procedures_procedure_change", args=[procedure.pk])
    ).content.decode()
    for label in ("chỉ nhận số nguyên", "giá trị nhỏ nhất", "giá trị lớn nhất", "giới hạn ngày"):
        assert label.capitalize() in html or label in html


# --- the demo -------------------------------------------------------------------------------


def test_demo_questions_carry_sensible_constraints_and_stay_valid(db):
    fixture = Path(settings.BASE_DIR) / "fixtures" / "demo" / "050_procedures.json"
    call_command("loaddata", str(fixture), verbosity=0)
    rows = json.loads(fixture.read_text(encoding="utf-8"))
    assert len([r for r in rows if r["model"] == "procedures.procedurequestion"]) == (
        ProcedureQuestion.objects.count()
    )
    for question in ProcedureQuestion.objects.all():
        question.full_clean()
        if question.kind == "number":
            assert question.whole_number and question.min_value is not None, question.key
        if question.kind == "date":
            assert question.date_limit == DateLimit.NOT_FUTURE, question.key
    copies = ProcedureQuestion.objects.filter(key="so_ban")
    assert {(q.min_value, q.max_value) for q in copies} == {(1, 50)}
