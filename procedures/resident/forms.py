"""Forms of the online dossier's steps: the applicant and the consent; and where to send
the link of a form saved to finish later.

The procedure's own questions are procedures.resident.questions; the tracking look-up,
withdrawal and rating forms procedures.resident.tracking_forms; the documents form, which
the desk and supplements share, procedures.forms.
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
from portal.widgets import VietnameseSelect
from procedures.constants import Sex
from procedures.forms import CrispyFormMixin, MobilePhoneField
from procedures.models import Province, Ward
from procedures.validators import (
    check_id_number_matches,
    clean_person_name,
    normalise_id_number,
)

DATE_HELP = _("Ngày/tháng/năm, ví dụ 14/08/1990.")
WARD_OTHER = "khac"
YES_NO = {"yes": _("Có"), "no": _("Không")}


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
    phone = MobilePhoneField(
        label=_("Số điện thoại di động"),
        help_text=_("Dùng để tra cứu hồ sơ và nhận tin nhắn, ví dụ 0912 345 678."),
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
        widget=VietnameseSelect,
        error_messages={"required": _("Chọn tỉnh, thành phố nơi cư trú.")},
    )
    ward = forms.ChoiceField(
        label=_("Xã, phường, đặc khu"),
        required=False,
        widget=VietnameseSelect(own=("", WARD_OTHER)),
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

    VERIFIED_FIELDS = ("full_name", "id_number", "birth_date")

    def __init__(self, *args, verified=None, **kwargs):
        """`verified`: the applicant fields an identity provider vouched for (accounts):
        name, ID number and birth date are then shown fixed, whatever is posted."""
        super().__init__(*args, **kwargs)
        self.verified = verified
        if verified:
            for name in self.VERIFIED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Theo định danh điện tử, không sửa tại đây.")
                value = verified[name]
                self.initial[name] = (
                    value.strftime("%d/%m/%Y") if isinstance(value, datetime.date) else value
                )
            for name in ("phone", "email"):
                if verified.get(name) and not self.initial.get(name):
                    self.initial[name] = verified[name]
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


class DraftForm(CrispyFormMixin, forms.Form):
    """Where to send the link of a form saved to finish later: e-mail, and SMS when enabled."""

    email = forms.EmailField(
        label=_("Thư điện tử nhận đường dẫn"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ, ví dụ ten@example.com.")},
    )
    send_sms = forms.BooleanField(label=_("Cũng gửi tin nhắn đến số điện thoại"), required=False)
    phone = MobilePhoneField(label=_("Số điện thoại di động"), required=False)

    def __init__(self, *args, sms=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sms = sms
        if not sms:
            del self.fields["send_sms"], self.fields["phone"]
            self.helper.layout = Layout("email")

    def clean(self):
        data = super().clean()
        texting = self.sms and data.get("send_sms")
        if texting and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Nhập số điện thoại di động để nhận tin nhắn."))
        if not data.get("email") and not texting and "email" not in self.errors:
            message = (
                _("Nhập thư điện tử hoặc chọn nhận tin nhắn để nhận đường dẫn.")
                if self.sms
                else _("Nhập thư điện tử để nhận đường dẫn.")
            )
            self.add_error("email", message)
        return data

    def recipients(self):
        """(e-mail, phone) to send the link to; phone is "" unless SMS was chosen."""
        data = self.cleaned_data
        phone = data.get("phone", "") if self.sms and data.get("send_sms") else ""
        return data.get("email", ""), phone
