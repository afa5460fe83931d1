"""English variants of content fields, chosen by the active language.

Decree 42/2022 Art. 7 asks for an English version of the organisation structure and the
contacts only, so a handful of fields carry a plain `<field>_en` twin edited beside the
Vietnamese one in the admin. That is simpler than a translation framework for so few
fields, needs no admin JavaScript, and keeps both databases' schemas obvious.
"""

from django.utils.translation import get_language


def english_active():
    return (get_language() or "").split("-")[0] == "en"


class LocalizedText(str):
    """A string that knows its language, for `lang` attributes on English pages."""

    lang = "vi"

    @classmethod
    def of(cls, value, lang):
        text = cls(value or "")
        text.lang = lang
        return text


class Localized:
    """Read `<field>_en` when English is active and it is filled in, else `<field>`."""

    def __init__(self, field):
        self.field = field

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if english_active():
            value = getattr(instance, f"{self.field}_en", "")
            if value:
                return LocalizedText.of(value, "en")
        # Untranslated content stays Vietnamese and says so (lang="vi"), so a screen
        # reader on an English page still pronounces it correctly.
        return LocalizedText.of(getattr(instance, self.field), "vi")
