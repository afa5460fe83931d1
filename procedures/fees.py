"""What a dossier owes: the quote from the procedure's fee schedule, and what the resident
is shown of it.

`quote()` is a pure function of the rules, the questions, the answers as a dossier keeps
them ({key: {"label", "value"}}), the channel and the day of filing; amounts are whole
đồng (int), never floats. A procedure without a schedule is quoted from its catalogue
amount only when that says free for everyone (`fee_amount == 0`); otherwise the amount is
unknown until an officer states it (`dossier_adjust_fee`), rather than guessed.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from procedures.constants import QuestionKind
from procedures.models import FeeRuleKind
from procedures.numbers import format_number, parse_number
from procedures.resident.questions import answer_display


@dataclass(frozen=True)
class FeeLine:
    label: str
    amount: int  # due: 0 when waived
    detail: str = ""  # how it was counted: "3 trang × 1.000 đồng"
    waived: bool = False
    waiver: str = ""  # the reason shown to the resident

    def as_json(self):
        return {
            "label": self.label,
            "detail": self.detail,
            "amount": self.amount,
            "waived": self.waived,
            "waiver": self.waiver,
        }


@dataclass(frozen=True)
class FeeQuote:
    lines: tuple = field(default_factory=tuple)
    known: bool = True

    @property
    def total(self):
        return sum(line.amount for line in self.lines)


def money(amount):
    """12.000 đồng, the Vietnamese way."""
    return _("%(amount)s đồng") % {"amount": format_number(amount)}


def compute(procedure, answers, *, channel, on):
    """The quote of `procedure` for these answers, filed by `channel` on the day `on`."""
    rules = list(procedure.fee_rules.all())
    if not rules:
        return FeeQuote(known=procedure.fee_amount == 0)
    return quote(rules, procedure.questions.all(), answers, channel=channel, on=on)


def quote(rules, questions, answers, *, channel, on):
    questions = {q.key: q for q in questions}
    answers = answers or {}
    lines = []
    for rule in rules:
        if rule.channel and rule.channel != channel:
            continue
        amount, detail = _amount(rule, answers)
        waived = amount > 0 and _exempt(rule, questions, answers, on)
        lines.append(
            FeeLine(
                label=rule.label,
                amount=0 if waived else amount,
                detail=detail,
                waived=waived,
                waiver=rule.exemption_label if waived else "",
            )
        )
    return FeeQuote(lines=tuple(lines))


def _amount(rule, answers):
    if rule.kind != FeeRuleKind.PER_UNIT:
        return rule.amount, ""
    units = max(_whole(answers, rule.unit_question) - rule.free_units, 0)
    if rule.max_units is not None:
        units = min(units, rule.max_units)
    each = units * rule.amount
    capped = rule.cap is not None and each > rule.cap
    if capped:
        each = rule.cap
    detail = _("%(units)s × %(price)s") % {"units": units, "price": money(rule.amount)}
    if capped:
        detail = _("%(detail)s, tối đa %(cap)s") % {"detail": detail, "cap": money(rule.cap)}
    if not rule.multiplier_question:
        return each, detail
    times = _whole(answers, rule.multiplier_question)
    return each * times, f"{times} × ({detail})"


def _value(answers, key):
    entry = answers.get(key)
    return str(entry.get("value", "") if isinstance(entry, dict) else entry or "").strip()


def _whole(answers, key):
    """The whole number a number question was answered with; 0 if unanswered."""
    text = _value(answers, key)
    if not text:
        return 0
    try:
        number = parse_number(text)
    except ValidationError:
        return 0
    # Number questions of a schedule take whole numbers only (FeeRule.clean).
    return max(int(number), 0)


def _exempt(rule, questions, answers, on):
    question = questions.get(rule.exemption_question)
    if question is None:
        return False
    text = _value(answers, question.key)
    if not text:
        return False
    if question.kind == QuestionKind.DATE:
        try:
            day = dt.datetime.strptime(text, "%d/%m/%Y").date()
        except ValueError:
            return False
        return 0 <= (on - day).days <= rule.exemption_within_days
    # The dossier keeps answers as shown (a yes/no as "Có"): compare like with like.
    return text == answer_display(question, rule.exemption_value)


def _shown(lines):
    return [{**line, "amount_text": money(line["amount"])} for line in lines]


def quote_context(quote):
    """What the fee partial shows for a quote (the check page)."""
    return {
        "known": quote.known,
        "amount": quote.total,
        "amount_text": money(quote.total),
        "lines": _shown(line.as_json() for line in quote.lines),
        "adjustment": None,
    }


def dossier_fee_context(dossier):
    """What the resident is shown of the dossier's fee: the amount due now, the lines as
    filed, and the latest adjustment when the amount is no longer the one filed.

    Reads `dossier.fee` (select it with the dossier); one query more only for a dossier
    whose amount an officer changed or had to state.
    """
    filed = getattr(dossier, "fee", None)
    if filed is None and not dossier.fee_due:
        return None  # filed before fees were computed, and nothing stated since
    adjustment = None
    if filed is None or not filed.known or filed.total != dossier.fee_due:
        adjustment = dossier.fee_adjustments.order_by("-created_at", "-pk").first()
    lines = _shown(filed.lines) if filed is not None else []
    return {
        "known": adjustment is not None or (filed is not None and filed.known),
        "amount": dossier.fee_due,
        "amount_text": money(dossier.fee_due),
        "lines": lines,
        "adjustment": adjustment,
        # The breakdown as filed, under an adjusted amount.
        "filed": {"lines": lines, "amount_text": money(filed.total)} if filed else None,
    }
