"""Vietnamese text written by staff on a page in another language.

The online form also speaks English (/en/); a procedure's questions, choices and
documents are entered by staff in Vietnamese only. On such a page that text is marked
`lang="vi"` so screen readers and translators read it as Vietnamese (WCAG 3.1.2).
"""

from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html


def foreign_page():
    """Whether the page is in another language than Vietnamese (the /en/ form)."""
    return (translation.get_language() or settings.LANGUAGE_CODE) != settings.LANGUAGE_CODE


def vietnamese(text):
    """Staff-entered Vietnamese (a procedure's question, choice, document) as safe HTML,
    marked `<span lang="vi">` on a page in another language."""
    if foreign_page():
        return format_html('<span lang="vi">{}</span>', text)
    return conditional_escape(text)


def naming(message, name, key="q"):
    """`message` (a translated text with %(key)s) naming `name` marked Vietnamese: safe HTML."""
    before, _sep, after = str(message).partition(f"%({key})s")
    return format_html("{}{}{}", before, vietnamese(name), after)
