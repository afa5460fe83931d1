"""The resident's choice of how to receive the result, and the officer's upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.text import nfc
from procedures.forms import CrispyFormMixin
from results.constants import DeliveryChannel


class DeliveryChoiceForm(CrispyFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label=_("Cách nhận kết quả"),
        choices=DeliveryChannel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn một cách nhận kết quả."),
            "invalid_choice": _("Chọn một cách nhận kết quả trong danh sách."),
        },
    )
    postal_address = forms.CharField(
        label=_("Địa chỉ nhận qua bưu chính"),
        required=False,
        max_length=300,
        help_text=_("Chỉ cần khi nhận qua bưu chính: số nhà, đường, xã/phường, tỉnh/thành phố."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={"max_length": _("Địa chỉ dài quá 300 ký tự.")},
    )

    def clean_postal_address(self):
        return " ".join(nfc(self.cleaned_data["postal_address"]).split())

    def clean(self):
        data = super().clean()
        if data.get("channel") == DeliveryChannel.POST and not data.get("postal_address"):
            self.add_error("postal_address", _("Xin ghi địa chỉ nhận kết quả qua bưu chính."))
        return data


class ResultUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp kết quả (PDF)"),
        help_text=_("Bản điện tử của kết quả, tốt nhất là có chữ ký số của người có thẩm quyền."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "required": _("Chọn tệp kết quả (PDF)."),
            "empty": _("Tệp đã chọn rỗng."),
        },
    )
