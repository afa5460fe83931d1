"""Form widgets the apps share."""

from django import forms
from django.conf import settings
from django.utils import translation


def _foreign_page():
    return (translation.get_language() or settings.LANGUAGE_CODE) != settings.LANGUAGE_CODE


class VietnameseSelect(forms.Select):
    """A list of Vietnamese names from the database (places, issuing bodies): on a page in
    another language the list is lang="vi", its own prompts (“— Chọn … —”, “Khác”, “All
    bodies”: the values in `own`) in the page's language."""

    def __init__(self, attrs=None, choices=(), own=("",)):
        super().__init__(attrs, choices)
        self.own = own

    def get_context(self, name, value, attrs):
        if _foreign_page():
            attrs = {**(attrs or {}), "lang": settings.LANGUAGE_CODE}
        return super().get_context(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if _foreign_page() and str(value) in self.own:
            option["attrs"]["lang"] = translation.get_language()
        return option
