"""What the residents' public forms share: the robots' trap and the privacy notice's link."""

from crispy_forms.layout import Div, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field out of sight and out of the tab order, kept last: people leave it empty,
    robots that fill every field are refused with the form's `honeypot_message`.

    Listed before procedures.forms.CrispyFormMixin, whose helper it gives the layout that
    hides the field: `class F(HoneypotMixin, CrispyFormMixin, forms.Form)`."""

    honeypot_message = _("Không gửi được. Vui lòng thử lại.")
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"] = self.fields.pop("website")
        self.helper.layout = Layout(
            *(name for name in self.fields if name != "website"),
            Div("website", css_class="visually-hidden", aria_hidden="true"),
        )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(self.honeypot_message, code="bot")
        return ""


def privacy_help(url, text):
    """The consent box's help text: a link to the notice (crispy-forms renders help text
    unescaped, so it is built escaped here; set it on the form's own copy of the field)."""
    return format_html('<a href="{}">{}</a>', url, text)
