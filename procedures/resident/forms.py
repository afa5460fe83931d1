"""Forms of the resident's side: the online dossier's steps, tracking, withdrawal, rating.

The documents form, which the desk and supplements share, is procedures.forms.
"""

import datetime

from crispy_forms.layout import HTML, Div, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.pagecache import per_process
from portal.text import nfc
from procedures.constants import DateLimit, QuestionKind, RatingReason, Sex
from procedures.forms import CrispyFormMixin
from procedures.language import foreign_page, naming, vietnamese
from procedures.models import Province, Ward
from procedures.numbers import VietnameseNumberField, format_number, parse_number
from procedures.validators import (
    check_id_number_matches,
    clean_person_name,
    normalise_id_number,
    normalise_mobile,
)

DATE_HELP = _("Ngày/tháng/năm, ví dụ 14/08/1990.")
WARD_OTHER = "khac"
YES_NO = {"yes": _("Có"), "no": _("Không")}


class PlaceSelect(forms.Select):
    """A list of Vietnamese place names: the list is lang="vi", its own prompts (“— Chọn … —”,
    “Khác”) in the page's language."""

    def __init__(self, attrs=None, choices=(), own=("",)):
        super().__init__(attrs, choices)
        self.own = own

    def get_context(self, name, value, attrs):
        if foreign_page():
            attrs = {**(attrs or {}), "lang": settings.LANGUAGE_CODE}
        return super().get_context(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if foreign_page() and str(value) in self.own:
            option["attrs"]["lang"] = translation.get_language()
        return option


class DayFirstDateField(forms.DateField):
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"])
        kwargs.setdefault("help_text", DATE_HELP)
        kwargs["error_messages"] = {
            "invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 14/08/1990."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)


def ward_groups():
    """[(province id, province name, [(ward id, ward name)])] of the wards in the list, in
    the page's language. Built once per process and language while public content is
    unchanged: the list (~100 wards, each name translated) cost most of each applicant
    step, which builds the form on every post and again at the final check."""

    def build():
        groups = {}
        for ward in Ward.objects.select_related("province").ordered():
            groups.setdefault(ward.province, []).append((str(ward.pk), ward.full_name))
        return [(p.pk, p.full_name, wards) for p, wards in groups.items()]

    language = translation.get_language() or settings.LANGUAGE_CODE
    # One set per language: the two would otherwise replace each other on every switch.
    return per_process(f"ward-groups:{language}", build)


class ApplicantForm(CrispyFormMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Họ, chữ đệm và tên"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Nhập họ và tên.")},
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (số căn cước, 12 chữ số)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Nhập số định danh cá nhân.")},
    )
    birth_date = DayFirstDateField(
        label=_("Ngày sinh"), error_messages={"required": _("Nhập ngày sinh.")}
    )
    sex = forms.ChoiceField(
        label=_("Giới tính"),
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn giới tính.")},
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=30,
        help_text=_("Dùng để tra cứu hồ sơ và nhận tin nhắn, ví dụ 0912 345 678."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Nhập số điện thoại di động.")},
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        help_text=_("Nếu có, chúng tôi gửi giấy tiếp nhận và thông báo qua thư điện tử."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ ten@example.com.")},
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố"),
        queryset=Province.objects.ordered(),
        empty_label=_("— Chọn tỉnh, thành phố —"),
        widget=PlaceSelect,
        error_messages={"required": _("Chọn tỉnh, thành phố nơi cư trú.")},
    )
    ward = forms.ChoiceField(
        label=_("Xã, phường, đặc khu"),
        required=False,
        widget=PlaceSelect(own=("", WARD_OTHER)),
        help_text=_("Nếu không có trong danh sách, chọn “Khác” và nhập tên bên dưới."),
    )
    ward_name = forms.CharField(
        label=_("Tên xã, phường (nếu không có trong danh sách)"), max_length=100, required=False
    )
    street = forms.CharField(
        label=_("Số nhà, đường phố, tổ dân phố hoặc thôn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"required": _("Nhập số nhà, đường phố, tổ dân phố hoặc thôn.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward_groups = ward_groups()
        choices = [("", _("— Chọn xã, phường —"))]
        for _province_id, province_name, wards in self.ward_groups:
            choices.append((province_name, wards))
        choices.append((WARD_OTHER, _("Khác (nhập tên bên dưới)")))
        self.fields["ward"].choices = choices
        self.fields["ward"].widget.attrs["data-ward-select"] = "1"
        self.helper.layout = Layout(
            "full_name",
            "id_number",
            "birth_date",
            "sex",
            "phone",
            "email",
            HTML(
                format_html(
                    '<h2 class="h4 mt-4">{}</h2><p class="text-body-secondary">{}</p>',
                    _("Nơi cư trú"),
                    _("Từ 1/7/2025 không còn cấp huyện: chọn tỉnh, thành phố rồi đến xã, phường."),
                )
            ),
            "province",
            "ward",
            # forms.js shows this box only when the ward is not in the list.
            Div("ward_name", css_id="ward-name-field"),
            "street",
        )

    def clean_full_name(self):
        return clean_person_name(self.cleaned_data["full_name"])

    def clean_id_number(self):
        return normalise_id_number(self.cleaned_data["id_number"])

    def clean_phone(self):
        return normalise_mobile(self.cleaned_data["phone"])

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if value > timezone.localdate():
            raise ValidationError(_("Ngày sinh không được sau ngày hôm nay."))
        if value < datetime.date(1900, 1, 1):
            raise ValidationError(_("Ngày sinh phải từ năm 1900 trở đi."))
        return value

    def clean_street(self):
        return nfc(self.cleaned_data["street"])

    def clean_ward_name(self):
        return nfc(self.cleaned_data["ward_name"])

    def clean(self):
        data = super().clean()
        id_number, birth, sex = data.get("id_number"), data.get("birth_date"), data.get("sex")
        if id_number and birth and sex:
            try:
                check_id_number_matches(id_number, birth, sex)
            except ValidationError as exc:
                self.add_error("id_number", exc)
        province = data.get("province")
        ward_value = data.get("ward") or ""
        data["ward_obj"] = None
        if province is not None:
            has_wards = any(pk == province.pk for pk, _name, _wards in self.ward_groups)
            if ward_value and ward_value != WARD_OTHER:
                ward = Ward.objects.filter(pk=ward_value if ward_value.isdigit() else None).first()
                if ward is None or ward.province_id != province.pk:
                    self.add_error(
                        "ward", _("Xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn.")
                    )
                else:
                    data["ward_obj"] = ward
            elif ward_value == WARD_OTHER or not has_wards:
                if not data.get("ward_name"):
                    self.add_error("ward_name", _("Nhập tên xã, phường nơi cư trú."))
            else:
                self.add_error("ward", _("Chọn xã, phường nơi cư trú."))
        return data

    def to_session(self):
        d = self.cleaned_data
        return {
            "full_name": d["full_name"],
            "id_number": d["id_number"],
            "birth_date": d["birth_date"].strftime("%d/%m/%Y"),
            "sex": d["sex"],
            "phone": d["phone"],
            "email": d.get("email", ""),
            "province": str(d["province"].pk),
            "ward": str(d["ward_obj"].pk) if d.get("ward_obj") else (d.get("ward") or ""),
            "ward_name": "" if d.get("ward_obj") else d.get("ward_name", ""),
            "street": d["street"],
        }

    def to_dossier_fields(self):
        d = self.cleaned_data
        return {
            "applicant_name": d["full_name"],
            "id_number": d["id_number"],
            "birth_date": d["birth_date"],
            "sex": d["sex"],
            "phone": d["phone"],
            "email": d.get("email", ""),
            "province": d["province"],
            "ward": d.get("ward_obj"),
            "ward_name": "" if d.get("ward_obj") else d.get("ward_name", ""),
            "street": d["street"],
        }


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


class ConsentForm(CrispyFormMixin, forms.Form):
    consent = forms.BooleanField(
        label=_(
            "Tôi đã đọc Thông báo xử lý dữ liệu cá nhân và đồng ý để Ủy ban nhân dân phường "
            "An Phong xử lý dữ liệu của tôi cho việc giải quyết hồ sơ này."
        ),
        error_messages={
            "required": _(
                "Đánh dấu vào ô đồng ý để tiếp tục; nếu không đồng ý, "
                "ông/bà có thể nộp hồ sơ trực tiếp tại Trung tâm."
            )
        },
    )


class TrackingForm(CrispyFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=40,
        help_text=_("In trên giấy tiếp nhận, ví dụ H26.APH-250801-0001."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Nhập mã hồ sơ.")},
    )
    phone = forms.CharField(
        label=_("Số điện thoại đã khai khi nộp"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Nhập số điện thoại.")},
    )

    def clean_code(self):
        return nfc(self.cleaned_data["code"]).upper()

    def clean_phone(self):
        # Never say whether the number is wrong for this dossier: only its form is checked.
        return normalise_mobile(self.cleaned_data["phone"])


class WithdrawalForm(CrispyFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cho biết lý do rút hồ sơ.")},
    )
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng hồ sơ sẽ dừng xử lý khi được chấp thuận rút."),
        error_messages={"required": _("Đánh dấu để xác nhận yêu cầu rút hồ sơ.")},
    )


class RatingForm(CrispyFormMixin, forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_("Ông/bà có hài lòng với việc giải quyết hồ sơ không?"),
        choices=[("1", _("Hài lòng")), ("0", _("Không hài lòng"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn hài lòng hoặc không hài lòng.")},
    )
    reasons = forms.MultipleChoiceField(
        label=_("Lý do (không bắt buộc)"),
        choices=RatingReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label=_("Góp ý thêm (không bắt buộc)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
