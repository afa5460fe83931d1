"""Fee schedules: the quote (fixed, per unit with free units and caps, exemptions by an
answer or a date, channels), what the check page shows, what a dossier stores at filing
online and at the desk, and what the resident sees on tracking."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from procedures import fees
from procedures.constants import Channel
from procedures.desk.counter import PROCEDURE_PARAM
from procedures.models import Dossier, DossierFee, FeeRule, Procedure
from procedures.resident.questions import dossier_answers
from tests.procedures.desk.test_counter import applicant_post
from tests.procedures.factories import ProcedureFactory, QuestionFactory
from tests.procedures.journey import fill_until_check, step_url, submission_token

ON = dt.date(2026, 3, 10)  # the filing day the pure quotes are computed for
ONLINE, IN_PERSON = Channel.ONLINE, Channel.IN_PERSON


def rule(**fields):
    return FeeRule(**{"label": "Lệ phí", "kind": "fixed", "amount": 0, **fields})


def number(key):
    return QuestionFactory.build(key=key, kind="number", whole_number=True)


def answers(**values):
    return {key: {"label": key, "value": value} for key, value in values.items()}


def amounts(quote):
    return [line.amount for line in quote.lines]


# --- the quote, a pure function ---------------------------------------------------------


def test_a_fixed_rule_charges_its_amount():
    quote = fees.quote([rule(amount=10000)], [], {}, channel=ONLINE, on=ON)
    assert quote.total == 10000 and quote.known
    assert quote.lines[0].label == "Lệ phí" and not quote.lines[0].waived


def test_a_per_unit_rule_counts_after_the_free_units_up_to_its_cap():
    pages = rule(kind="per_unit", amount=1000, unit_question="so_trang", free_units=2, cap=196000)
    questions = [number("so_trang")]

    def total(value):
        return fees.quote([pages], questions, answers(so_trang=value), channel=ONLINE, on=ON).total

    assert total("1") == 0
    assert total("2") == 0
    assert total("5") == 3000
    assert total("198") == 196000
    assert total("1.000") == 196000  # "1.000" is one thousand pages, capped
    assert total("") == 0  # unanswered


def test_copies_of_a_certified_copy_are_charged_per_page_then_per_copy():
    """Thông tư 226/2016/TT-BTC: 2.000 đồng/trang for pages 1–2, 1.000 đồng/trang from
    page 3, at most 200.000 đồng a copy; the demo's schedule, times the number of copies."""
    schedule = [
        rule(kind="per_unit", amount=2000, unit_question="so_trang", max_units=2,
             multiplier_question="so_ban"),
        rule(kind="per_unit", amount=1000, unit_question="so_trang", free_units=2, cap=196000,
             multiplier_question="so_ban"),
    ]  # fmt: skip
    questions = [number("so_trang"), number("so_ban")]

    def quote(pages, copies):
        given = answers(so_trang=pages, so_ban=copies)
        return fees.quote(schedule, questions, given, channel=ONLINE, on=ON)

    assert amounts(quote("1", "1")) == [2000, 0]
    assert amounts(quote("5", "3")) == [12000, 9000]  # 3 × (2 × 2.000 + 3 × 1.000)
    assert quote("250", "2").total == 400000  # 200.000 đồng a copy, at most
    assert quote("5", "3").lines[1].detail == "3 × (3 × 1.000 đồng)"


def test_a_yes_no_answer_waives_a_rule_with_its_reason():
    question = QuestionFactory.build(key="ho_ngheo", kind="yes_no")
    waivable = rule(
        amount=8000,
        exemption_question="ho_ngheo",
        exemption_value="yes",
        exemption_label="Miễn cho người thuộc hộ nghèo.",
    )
    # The dossier keeps yes/no answers as shown: "Có", "Không".
    yes = dossier_answers([question], {"ho_ngheo": "yes"})
    no = dossier_answers([question], {"ho_ngheo": "no"})
    waived = fees.quote([waivable], [question], yes, channel=ONLINE, on=ON)
    assert waived.total == 0
    assert waived.lines[0].waived and waived.lines[0].waiver == "Miễn cho người thuộc hộ nghèo."
    assert fees.quote([waivable], [question], no, channel=ONLINE, on=ON).total == 8000


def test_a_date_within_the_days_waives_a_rule_counted_from_the_filing_day():
    question = QuestionFactory.build(key="ngay_sinh_tre", kind="date")
    on_time = rule(
        amount=8000,
        exemption_question="ngay_sinh_tre",
        exemption_within_days=60,
        exemption_label="Đăng ký đúng hạn.",
    )

    def total(born):
        given = answers(ngay_sinh_tre=born.strftime("%d/%m/%Y"))
        return fees.quote([on_time], [question], given, channel=IN_PERSON, on=ON).total

    assert total(ON) == 0
    assert total(ON - dt.timedelta(days=60)) == 0
    assert total(ON - dt.timedelta(days=61)) == 8000
    assert total(ON + dt.timedelta(days=1)) == 8000  # a date after filing exempts nothing


def test_a_rule_of_one_channel_is_left_out_of_the_other_and_several_rules_add_up():
    schedule = [
        rule(label="Lệ phí khi nộp trực tiếp", amount=5000, channel=IN_PERSON),
        rule(label="Phí", amount=30000),
        rule(label="Phí theo bản", kind="per_unit", amount=8000, unit_question="so_ban"),
    ]
    given = answers(so_ban="2")
    questions = [number("so_ban")]
    online = fees.quote(schedule, questions, given, channel=ONLINE, on=ON)
    desk = fees.quote(schedule, questions, given, channel=IN_PERSON, on=ON)
    assert [line.label for line in online.lines] == ["Phí", "Phí theo bản"]
    assert online.total == 46000 and isinstance(online.total, int)
    assert desk.total == 51000


@pytest.mark.django_db
@pytest.mark.parametrize(("fee_amount", "known"), [(0, True), (None, False), (10000, False)])
def test_without_a_schedule_only_a_catalogue_free_for_all_is_taken_as_known(fee_amount, known):
    """A catalogue amount does not say for which channel or case it holds (the demo's
    "5.000 đồng khi nộp trực tiếp"): only "free for everyone" is taken; else an officer
    states the amount."""
    procedure = ProcedureFactory(fee_amount=fee_amount)
    quote = fees.compute(procedure, {}, channel=ONLINE, on=ON)
    assert quote.total == 0 and quote.known is known


# --- the schedule's validation ------------------------------------------------------------


@pytest.mark.django_db
class TestRuleValidation:
    def errors(self, **fields):
        with pytest.raises(ValidationError) as exc:
            FeeRule(procedure=self.procedure, label="Phí", **fields).full_clean()
        return exc.value.message_dict

    @pytest.fixture(autouse=True)
    def _procedure(self, db):
        self.procedure = ProcedureFactory()
        QuestionFactory(procedure=self.procedure, key="so_ban", kind="number")
        QuestionFactory(procedure=self.procedure, key="ten", kind="text")
        QuestionFactory(procedure=self.procedure, key="dung_han", kind="yes_no")
        QuestionFactory(
            procedure=self.procedure, key="loai", kind="choice", choices="Khai sinh\nKết hôn"
        )
        QuestionFactory(procedure=self.procedure, key="ngay", kind="date")

    def test_a_unit_rule_names_a_whole_number_question_of_the_procedure(self):
        assert "unit_question" in self.errors(kind="per_unit", amount=1000)
        assert (
            "lưu câu hỏi trước"
            in self.errors(kind="per_unit", amount=1000, unit_question="ten")["unit_question"][0]
        )
        assert "unit_question" in self.errors(kind="per_unit", amount=1000, unit_question="khac")
        QuestionFactory(
            procedure=self.procedure, key="dien_tich", kind="number", whole_number=False
        )
        assert "unit_question" in self.errors(
            kind="per_unit", amount=1000, unit_question="dien_tich"
        )
        FeeRule(
            procedure=self.procedure, label="Phí", kind="per_unit", amount=1000,
            unit_question="so_ban",
        ).full_clean()  # fmt: skip

    def test_a_fixed_rule_takes_no_unit_settings(self):
        errors = self.errors(kind="fixed", amount=1000, cap=5000, free_units=1)
        assert set(errors) == {"cap", "free_units"}

    def test_an_exemption_names_its_question_answer_and_reason(self):
        assert "exemption_question" in self.errors(amount=1, exemption_question="ten")
        assert "exemption_label" in self.errors(
            amount=1, exemption_question="dung_han", exemption_value="Có"
        )
        assert "exemption_value" in self.errors(
            amount=1, exemption_question="dung_han", exemption_value="Chắc", exemption_label="x"
        )
        assert "exemption_value" in self.errors(
            amount=1, exemption_question="loai", exemption_value="Khai tử", exemption_label="x"
        )
        assert "exemption_within_days" in self.errors(
            amount=1, exemption_question="ngay", exemption_label="x"
        )
        assert "exemption_question" in self.errors(amount=1, exemption_value="Có")

    def test_a_yes_no_exemption_is_typed_in_vietnamese_and_kept_as_its_key(self):
        fee_rule = FeeRule(
            procedure=self.procedure,
            label="Lệ phí",
            amount=8000,
            exemption_question="dung_han",
            exemption_value="có",
            exemption_label="Miễn khi đúng hạn.",
        )
        fee_rule.full_clean()
        assert fee_rule.exemption_value == "yes"


# --- the demo's schedules -------------------------------------------------------------------

PROCEDURES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "050_procedures.json"


@pytest.fixture
def demo(db):
    call_command("loaddata", str(PROCEDURES_FIXTURE), verbosity=0)


def test_every_demo_fee_rule_is_valid(demo):
    rules = list(FeeRule.objects.select_related("procedure"))
    assert len(rules) >= 15
    for fee_rule in rules:
        fee_rule.full_clean()


def test_every_demo_fee_rule_is_a_figure_of_its_procedure_s_own_fee_text(demo):
    """No figure is invented: each amount is written in the procedure's fee or summary."""
    for fee_rule in FeeRule.objects.select_related("procedure"):
        written = f"{fee_rule.procedure.fee_text} {fee_rule.procedure.summary}"
        assert fees.money(fee_rule.amount).replace(" đồng", "") in written, fee_rule.label


def test_the_demo_birth_registration_is_free_on_time_and_online(demo):
    procedure = Procedure.objects.get(name="Đăng ký khai sinh")
    today = timezone.localdate()

    def total(born, channel):
        given = answers(ngay_sinh_tre=born.strftime("%d/%m/%Y"))
        return fees.compute(procedure, given, channel=channel, on=today).total

    assert total(today - dt.timedelta(days=10), IN_PERSON) == 0
    assert total(today - dt.timedelta(days=400), IN_PERSON) == 8000
    assert total(today - dt.timedelta(days=400), ONLINE) == 0


# --- the check page, the filing, the tracking page ----------------------------------------


@pytest.fixture
def fee_procedure(procedure):
    """The online test procedure with a schedule: a fixed fee and one per copy."""
    QuestionFactory(procedure=procedure, key="so_ban", label="Số bản", kind="number", order=5)
    FeeRule.objects.create(procedure=procedure, order=1, label="Lệ phí đăng ký", amount=5000)
    FeeRule.objects.create(
        procedure=procedure,
        order=2,
        label="Phí cấp bản sao",
        kind="per_unit",
        amount=8000,
        unit_question="so_ban",
    )
    FeeRule.objects.create(
        procedure=procedure, order=3, label="Lệ phí nộp tại quầy", amount=7000, channel=IN_PERSON
    )
    return procedure


def fee_answers(copies="3"):
    born = (timezone.localdate() - dt.timedelta(days=5)).strftime("%d/%m/%Y")
    return {"ten_tre": "Nguyễn Văn Bình", "ngay_sinh_tre": born, "so_ban": copies}


def test_the_check_page_shows_the_breakdown_and_the_total(client, fee_procedure):
    check = fill_until_check(client, fee_procedure, answers=fee_answers())
    html = check.content.decode()
    assert "Phí, lệ phí phải nộp" in html
    assert "Lệ phí đăng ký" in html and "5.000 đồng" in html
    assert "Phí cấp bản sao" in html and "24.000 đồng" in html and "3 × 8.000 đồng" in html
    assert "29.000 đồng" in html
    assert "Lệ phí nộp tại quầy" not in html  # the desk's own fee


def test_the_check_page_says_when_an_officer_will_state_the_amount(client, procedure):
    procedure.fee_amount = None
    procedure.save()
    html = fill_until_check(client, procedure).content.decode()
    assert "sẽ được cán bộ thông báo" in html


def test_the_fee_due_is_stored_with_its_lines_at_online_filing(client, fee_procedure):
    check = fill_until_check(client, fee_procedure, answers=fee_answers("2"))
    response = client.post(
        step_url(fee_procedure, "kiem-tra"), {"submission_token": submission_token(check)}
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(procedure=fee_procedure)
    assert dossier.fee_due == 21000
    assert dossier.fee.total == 21000 and dossier.fee.known
    assert [line["label"] for line in dossier.fee.lines] == ["Lệ phí đăng ký", "Phí cấp bản sao"]
    json.dumps(dossier.fee.lines)


def test_the_fee_due_is_stored_at_the_desk_with_the_desk_s_rules(client, desk_procedure, reception):
    FeeRule.objects.create(procedure=desk_procedure, label="Lệ phí", amount=5000)
    FeeRule.objects.create(
        procedure=desk_procedure, label="Lệ phí nộp tại quầy", amount=7000, channel=IN_PERSON
    )
    client.force_login(reception)
    data = {
        **applicant_post(),
        "q-ten_tre": "Nguyễn An Bình",
        **{f"paper_{doc.pk}": "1" for doc in desk_procedure.documents.all()},
    }
    register = reverse("admin:procedures_dossier_register")
    response = client.post(f"{register}?{PROCEDURE_PARAM}={desk_procedure.pk}", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get(procedure=desk_procedure)
    assert dossier.channel == IN_PERSON
    assert dossier.fee_due == 12000
    assert DossierFee.objects.get(dossier=dossier).total == 12000


def test_tracking_shows_the_amount_due_and_its_lines(client, fee_procedure):
    check = fill_until_check(client, fee_procedure, answers=fee_answers("1"))
    client.post(step_url(fee_procedure, "kiem-tra"), {"submission_token": submission_token(check)})
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert 'id="fee-title"' in html
    assert "Phí cấp bản sao" in html and "13.000 đồng" in html


def test_tracking_of_a_free_dossier_says_nothing_is_owed(client, procedure):
    check = fill_until_check(client, procedure)
    client.post(step_url(procedure, "kiem-tra"), {"submission_token": submission_token(check)})
    html = client.get(reverse("procedures:tracking_result")).content.decode()
    assert "Không phải nộp phí, lệ phí." in html
