"""Forms of the tracking page: the look-up by code and phone, withdrawal, rating."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.text import nfc
from procedures.constants import RatingReason
from procedures.forms import CrispyFormMixin, MobilePhoneField


class TrackingForm(CrispyFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=40,
        help_text=_("In trên giấy tiếp nhận, ví dụ H26.APH-250801-0001."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Nhập mã hồ sơ.")},
    )
    # Never say whether the number is wrong for this dossier: only its form is checked.
    phone = MobilePhoneField(
        label=_("Số điện thoại đã khai khi nộp"),
        error_messages={"required": _("Nhập số điện thoại.")},
    )

    def clean_code(self):
        return nfc(self.cleaned_data["code"]).upper()


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
