"""The form of the log-in code pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One code: six digits from the authenticator app, or (when allowed) a recovery code."""

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, app_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if app_only:
            self.fields["code"].label = _("Mã 6 chữ số trong ứng dụng")
            self.fields["code"].widget.attrs["inputmode"] = "numeric"
        else:
            self.fields["code"].label = _("Mã trong ứng dụng hoặc mã dự phòng")
            self.fields["code"].help_text = _(
                "Mã 6 chữ số đang hiển thị trong ứng dụng xác thực; nếu không có điện thoại, "
                "một mã dự phòng (mỗi mã chỉ dùng được một lần)."
            )
