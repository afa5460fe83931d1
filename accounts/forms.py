from django import forms
from django.utils.translation import gettext_lazy as _

from procedures.forms import CrispyFormMixin, MobilePhoneField


class PhoneForm(CrispyFormMixin, forms.Form):
    phone = MobilePhoneField(
        label=_("Số điện thoại di động đã dùng khi nộp hồ sơ hoặc gửi phản ánh"),
        help_text=_("Chúng tôi gửi một mã gồm 6 chữ số đến số này."),
    )


class CodeForm(CrispyFormMixin, forms.Form):
    code = forms.RegexField(
        label=_("Mã xác minh"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": _("Nhập mã gồm 6 chữ số trong tin nhắn."),
            "invalid": _("Mã xác minh gồm đúng 6 chữ số."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()
