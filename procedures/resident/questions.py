"""The procedure's own questions on the online form and at the desk: one field per
question, its answers kept in the session and written into the dossier.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.text import nfc
from procedures.constants import DateLimit, QuestionKind
from procedures.forms import CrispyFormMixin
from procedures.language import naming, vietnamese
from procedures.numbers import VietnameseNumberField, format_number, parse_number
from procedures.resident.forms import DATE_HELP, YES_NO, DayFirstDateField
from procedures.validators import normalise_id_number, normalise_mobile


def _not_future(value):
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            _("Ngày này không được sau ngày hôm nay (%(today)s)."),
            code="future",
            params={"today": today.strftime("%d/%m/%Y")},
        )


def _not_past(value):
    today = timezone.localdate()
    if value < today:
        raise ValidationError(
            _("Ngày này không được trước ngày hôm nay (%(today)s)."),
            code="past",
            params={"today": today.strftime("%d/%m/%Y")},
        )


DATE_LIMIT_VALIDATORS = {DateLimit.NOT_FUTURE: [_not_future], DateLimit.NOT_PAST: [_not_past]}


def _question_field(question):
    # Labels, hints and choices are the staff's Vietnamese, marked so on the English form.
    common = {
        "label": vietnamese(question.label),
        "required": question.required,
        "help_text": vietnamese(question.help_text) if question.help_text else "",
    }
    required_msg = {"required": naming(_("Trả lời câu hỏi: %(q)s"), question.label)}
    kind = question.kind
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages=required_msg,
            **common,
        )
    if kind == QuestionKind.DATE:
        return DayFirstDateField(
            error_messages=required_msg,
            validators=DATE_LIMIT_VALIDATORS.get(question.date_limit, []),
            **{**common, "help_text": common["help_text"] or DATE_HELP},
        )
    if kind == QuestionKind.NUMBER:
        return VietnameseNumberField(
            whole=question.whole_number,
            min_value=question.min_value,
            max_value=question.max_value,
            error_messages=required_msg,
            **{**common, "help_text": common["help_text"] or _number_help(question)},
        )
    if kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[(c, vietnamese(c)) for c in question.choice_list()],
            widget=forms.RadioSelect,
            error_messages=required_msg,
            **common,
        )
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=list(YES_NO.items()),
            widget=forms.RadioSelect,
            error_messages=required_msg,
            **common,
        )
    if kind == QuestionKind.EMAIL:
        return forms.EmailField(
            error_messages={**required_msg, "invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
            **common,
        )
    return forms.CharField(max_length=300, error_messages=required_msg, **common)


def _number_help(question):
    """The hint under a number question without its own: how to write it, and its bounds."""
    low, high = question.min_value, question.max_value
    if question.whole_number:
        parts = [_("Số nguyên; dấu chấm tách hàng nghìn, ví dụ 1.500.000.")]
    else:
        parts = [_("Dấu chấm tách hàng nghìn, dấu phẩy trước phần thập phân, ví dụ 1.500.000,5.")]
    if low is not None and high is not None:
        parts.append(
            _("Từ %(min)s đến %(max)s.") % {"min": format_number(low), "max": format_number(high)}
        )
    elif low is not None:
        parts.append(_("Từ %(min)s trở lên.") % {"min": format_number(low)})
    elif high is not None:
        parts.append(_("Không lớn hơn %(max)s.") % {"max": format_number(high)})
    return " ".join(str(p) for p in parts)


class QuestionsForm(CrispyFormMixin, forms.Form):
    """The procedure's own questions, built from ProcedureQuestion rows."""

    def __init__(self, *args, questions, **kwargs):
        self.questions = list(questions)
        super().__init__(*args, **kwargs)


def build_questions_form(questions, *args, **kwargs):
    questions = list(questions)
    attrs = {q.key: _question_field(q) for q in questions}
    form_class = type("ProcedureQuestionsForm", (QuestionsForm,), attrs)
    form = form_class(*args, questions=questions, **kwargs)
    for q in questions:
        if q.kind == QuestionKind.PHONE:
            form.fields[q.key].validators.append(normalise_mobile)
        elif q.kind == QuestionKind.ID_NUMBER:
            form.fields[q.key].validators.append(normalise_id_number)
    return form


def questions_to_session(form):
    out = {}
    for q in form.questions:
        value = form.cleaned_data.get(q.key)
        if value in (None, ""):
            out[q.key] = ""
        elif q.kind == QuestionKind.DATE:
            out[q.key] = value.strftime("%d/%m/%Y")
        elif q.kind == QuestionKind.NUMBER:
            out[q.key] = format_number(value)
        elif q.kind == QuestionKind.PHONE:
            out[q.key] = normalise_mobile(value)
        elif q.kind == QuestionKind.ID_NUMBER:
            out[q.key] = normalise_id_number(value)
        else:
            out[q.key] = nfc(value) if q.kind != QuestionKind.LONG_TEXT else value.strip()
    return out


def answer_display(question, raw):
    """The answer as the dossier keeps it: plain text (the answers are stored as JSON), in
    Vietnamese whatever the language of the form, as the ward's record is."""
    if question.kind == QuestionKind.YES_NO:
        with translation.override(settings.LANGUAGE_CODE):
            return str(YES_NO[raw]) if raw in YES_NO else ""
    if question.kind == QuestionKind.NUMBER and raw:
        # Answers kept by an earlier version read "2,5" or "500000000".
        try:
            return format_number(parse_number(raw))
        except ValidationError:
            return raw
    return raw


def dossier_answers(questions, raw):
    """{key: {"label", "value"}} as a dossier keeps them, from the answers questions_to_session
    gave; the label is copied so a later edit of the question leaves the dossier as filed."""
    raw = raw or {}
    return {
        q.key: {"label": q.label, "value": answer_display(q, raw.get(q.key, ""))} for q in questions
    }
