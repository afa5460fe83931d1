"""The look-up's two GET forms: narrowing selects (province → district → unit) and free text.

Without JavaScript each submit narrows the next list; a district or unit left over from
an earlier choice that no longer fits is dropped quietly rather than shown as an error.
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from addresses import selectors
from portal.widgets import VietnameseSelect


class NarrowForm(forms.Form):
    tinh = forms.ChoiceField(label=_("Tỉnh, thành phố trước 1/7/2025"), required=False)
    huyen = forms.ChoiceField(label=_("Quận, huyện, thị xã, thành phố cũ"), required=False)
    xa = forms.ChoiceField(label=_("Phường, xã, thị trấn cũ"), required=False)

    def __init__(self, data=None, **kwargs):
        places = selectors.places()
        data = data.copy() if data is not None else None
        province = data.get("tinh", "") if data else ""
        if province not in places:
            province = ""
        district = data.get("huyen", "") if data and province else ""
        if district not in places.get(province, ()):
            district = ""
        units = list(selectors.old_units_in(province, district)) if district else []
        unit = data.get("xa", "") if data and district else ""
        if unit not in {str(u.pk) for u in units}:
            unit = ""
        if data is not None:
            data.setlist("tinh", [province])
            data.setlist("huyen", [district])
            data.setlist("xa", [unit])
        super().__init__(data, **kwargs)
        self.fields["tinh"].choices = [("", _("— Chọn tỉnh, thành phố —"))] + [
            (p, p) for p in places
        ]
        self.fields["huyen"].choices = [("", _("— Chọn quận, huyện —"))] + [
            (d, d) for d in places.get(province, ())
        ]
        self.fields["xa"].choices = [("", _("— Chọn phường, xã, thị trấn —"))] + [
            (str(u.pk), capfirst(u.full_name)) for u in units
        ]
        for name in ("tinh", "huyen", "xa"):
            # Names of places are Vietnamese on every language's page.
            self.fields[name].widget = VietnameseSelect(choices=self.fields[name].choices)
        self.step = 3 if units else 2 if province else 1
        self.unit_pk = int(unit) if unit else None


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tên phường, xã, thị trấn cũ"),
        max_length=80,
        required=False,
        help_text=_("Gõ có dấu hoặc không dấu, ví dụ: Hồng Phong, le thien."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
