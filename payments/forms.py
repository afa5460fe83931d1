from django import forms
from django.utils.translation import gettext_lazy as _


class CashPaymentForm(forms.Form):
    code = forms.CharField(label=_("Mã hồ sơ"), max_length=40)
    amount = forms.IntegerField(label=_("Số tiền đã thu (đồng)"), min_value=1)


class ReconciliationForm(forms.Form):
    date = forms.DateField(label=_("Ngày"), input_formats=["%Y-%m-%d", "%d/%m/%Y"])
