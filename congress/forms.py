"""Forms of the public pages (the documents register filter)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from congress.constants import DocumentType
from congress.models import IssuingBody
from portal.pagecache import cached_value
from portal.search.registry import AllWordStarts, Query
from portal.widgets import VietnameseSelect


def issuing_body_choices():
    bodies = cached_value(
        ("issuing-bodies",), lambda: list(IssuingBody.objects.values_list("slug", "name"))
    )
    return [("", _("Tất cả cơ quan")), *bodies]


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khóa (số ký hiệu, trích yếu)"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Từ khóa quá dài (tối đa %(limit_value)d ký tự).")},
    )
    loai = forms.ChoiceField(
        label=_("Loại văn bản"),
        required=False,
        choices=[("", _("Tất cả loại")), *DocumentType.choices],
        error_messages={"invalid_choice": _("Loại văn bản không hợp lệ.")},
    )
    co_quan = forms.ChoiceField(
        label=_("Cơ quan ban hành"),
        required=False,
        # The bodies' names are Vietnamese from the database, "All bodies" is the page's.
        widget=VietnameseSelect,
        error_messages={"invalid_choice": _("Cơ quan ban hành không hợp lệ.")},
    )
    nam = forms.IntegerField(
        label=_("Năm ban hành"),
        required=False,
        min_value=1945,
        max_value=2100,
        # A text box: what was typed (even "năm ngoái") comes back with a clear message.
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Năm ban hành phải là một số, ví dụ 2025."),
            "min_value": _("Năm ban hành không hợp lệ."),
            "max_value": _("Năm ban hành không hợp lệ."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].choices = issuing_body_choices()
        # Drawn by {% crispy form %} inside the page's <form method="get">: four columns.
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *(Div(name, css_class="col-12 col-md-6 col-lg-3") for name in self.fields)
        )

    def apply(self, queryset):
        """Filter `queryset` by the valid fields; return it with the filters used."""
        data = self.cleaned_data
        filters = {}
        if data.get("loai"):
            queryset = queryset.filter(doc_type=data["loai"])
            filters["loai"] = data["loai"]
        if data.get("co_quan"):
            queryset = queryset.filter(issuing_body__slug=data["co_quan"])
            filters["co_quan"] = data["co_quan"]
        if data.get("nam"):
            queryset = queryset.filter(issued_on__year=data["nam"])
            filters["nam"] = data["nam"]
        query = Query.parse(data.get("q"))
        if query.terms:
            queryset = queryset.filter(AllWordStarts(query.word_prefixes()))
            filters["q"] = " ".join(query.terms)
        return queryset, filters
