"""Every procedure of the demo, with every kind of question it asks, can be submitted online
and registered at the desk (issue 14, item 1: a yes/no answer broke both)."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from procedures.constants import Channel, DateLimit, QuestionKind
from procedures.desk.counter import PROCEDURE_PARAM
from procedures.models import Dossier, Procedure, ProcedureField
from procedures.numbers import format_number
from procedures.resident.questions import dossier_answers
from staff import roles
from tests.procedures.desk.test_counter import applicant_post
from tests.procedures.factories import VALID_ID, ProcedureFactory, QuestionFactory, pdf_bytes
from tests.procedures.journey import fill_until_check, step_url, submission_token
from tests.staff.fixtures import make_staff

pytestmark = pytest.mark.django_db

PROCEDURES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "050_procedures.json"
DEMO_PROCEDURES = sorted(
    row["fields"]["name"]
    for row in json.loads(PROCEDURES_FIXTURE.read_text(encoding="utf-8"))
    if row["model"] == "procedures.procedure"
)
REGISTER = reverse("admin:procedures_dossier_register")


@pytest.fixture
def demo_procedures(db, settings):
    # One walk posts more than the per-client limit of the submission pages allows.
    settings.PORTAL_RATE_SUBMIT = "1000/600"
    call_command("loaddata", str(PROCEDURES_FIXTURE), verbosity=0)


def valid_answer(question, yes_no="yes"):
    """What a resident would type or pick for `question`, within its constraints."""
    today = timezone.localdate()
    kind = question.kind
    if kind == QuestionKind.DATE:
        day = today + dt.timedelta(days=30 if question.date_limit == DateLimit.NOT_PAST else -30)
        return day.strftime("%d/%m/%Y")
    if kind == QuestionKind.NUMBER:
        return format_number(question.min_value if question.min_value is not None else 1)
    if kind == QuestionKind.CHOICE:
        return question.choice_list()[-1]
    if kind == QuestionKind.YES_NO:
        return yes_no
    if kind == QuestionKind.EMAIL:
        return "nguoi-than@example.com"
    if kind == QuestionKind.PHONE:
        return "0987 654 321"
    if kind == QuestionKind.ID_NUMBER:
        return VALID_ID
    if kind == QuestionKind.LONG_TEXT:
        return "Dòng thứ nhất\nDòng thứ hai"
    return "Nội dung thử nghiệm"


def expected_value(question, answer):
    if question.kind == QuestionKind.YES_NO:
        return {"yes": "Có", "no": "Không"}[answer]
    if question.kind == QuestionKind.PHONE:
        return "+84987654321"
    return answer


def test_the_demo_asks_every_kind_of_question_the_walk_covers(demo_procedures):
    kinds = set(Procedure.objects.values_list("questions__kind", flat=True)) - {None}
    assert {QuestionKind.YES_NO, QuestionKind.NUMBER, QuestionKind.DATE} <= kinds
    assert len(DEMO_PROCEDURES) == Procedure.objects.count()


@pytest.mark.parametrize("name", DEMO_PROCEDURES)
def test_every_demo_procedure_is_submittable_online(client, demo_procedures, name):
    procedure = Procedure.objects.get(name=name)
    if not procedure.accepts_online:
        pytest.skip("registered at the desk only")
    questions = list(procedure.questions.all())
    answers = {q.key: valid_answer(q, yes_no="yes") for q in questions}
    files = {
        f"doc_{doc.pk}": SimpleUploadedFile("giay-to.pdf", pdf_bytes(), "application/pdf")
        for doc in procedure.documents.filter(is_mandatory=True)
    }
    check = fill_until_check(client, procedure, answers=answers, files=files)
    assert check.status_code == 200
    html = check.content.decode()
    for q in questions:
        if q.kind == QuestionKind.YES_NO:
            assert "<dd>Có</dd>" in html
    response = client.post(
        step_url(procedure, "kiem-tra"), {"submission_token": submission_token(check)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] != step_url(procedure, "kiem-tra")  # not sent back
    dossier = Dossier.objects.get(procedure=procedure)
    assert dossier.channel == Channel.ONLINE
    assert {k: v["value"] for k, v in dossier.answers.items()} == {
        q.key: expected_value(q, answers[q.key]) for q in questions
    }
    # The stored answers are plain JSON, as read back from the database.
    json.dumps(Dossier.objects.values_list("answers", flat=True).get(pk=dossier.pk))


@pytest.mark.parametrize("name", DEMO_PROCEDURES)
def test_every_demo_procedure_is_registrable_at_the_desk(client, demo_procedures, name):
    procedure = Procedure.objects.get(name=name)
    reception = make_staff(roles.RECEPTION, *ProcedureField.objects.all(), username="quay")
    client.force_login(reception)
    questions = list(procedure.questions.all())
    answers = {q.key: valid_answer(q, yes_no="no") for q in questions}
    data = {
        **applicant_post(),
        **{f"q-{key}": value for key, value in answers.items()},
        **{f"paper_{doc.pk}": "1" for doc in procedure.documents.all()},
    }
    response = client.post(f"{REGISTER}?{PROCEDURE_PARAM}={procedure.pk}", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get(procedure=procedure)
    assert dossier.channel == Channel.IN_PERSON
    assert {k: v["value"] for k, v in dossier.answers.items()} == {
        q.key: expected_value(q, answers[q.key]) for q in questions
    }
    page = client.get(response["Location"])
    assert page.status_code == 200


@pytest.mark.parametrize("language", ["vi", "en"])
def test_yes_no_answers_are_kept_as_plain_vietnamese_text(db, language):
    """The dossier is the ward's record: "Có"/"Không" whatever the form's language, as
    plain strings the JSON field can store (a lazy translation object could not be)."""
    procedure = ProcedureFactory()
    question = QuestionFactory(procedure=procedure, key="da_ket_hon", kind="yes_no")
    with translation.override(language):
        yes = dossier_answers([question], {"da_ket_hon": "yes"})
        no = dossier_answers([question], {"da_ket_hon": "no"})
    assert json.loads(json.dumps(yes))["da_ket_hon"]["value"] == "Có"
    assert json.loads(json.dumps(no))["da_ket_hon"]["value"] == "Không"


def test_a_refusal_of_the_dossier_fields_is_shown_at_the_desk_not_a_500(
    client, demo_procedures, monkeypatch
):
    """The model's own refusal names its fields ({'answers': [...]}), which the desk's forms
    do not have: the page says it on top instead of failing."""

    def refuse(**kwargs):
        raise ValidationError({"answers": ["Giá trị phải là JSON hợp lệ."]})

    monkeypatch.setattr("procedures.desk.counter.dossier_register_in_person", refuse)
    procedure = Procedure.objects.get(name="Cấp Giấy xác nhận tình trạng hôn nhân")
    client.force_login(make_staff(roles.RECEPTION, procedure.field, username="quay"))
    data = {
        **applicant_post(),
        **{f"q-{q.key}": valid_answer(q) for q in procedure.questions.all()},
        **{f"paper_{doc.pk}": "1" for doc in procedure.documents.all()},
    }
    response = client.post(f"{REGISTER}?{PROCEDURE_PARAM}={procedure.pk}", data)
    assert response.status_code == 200
    assert "Giá trị phải là JSON hợp lệ." in response.content.decode()
    assert not Dossier.objects.exists()
