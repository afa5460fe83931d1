"""The one allow-list for rich text: used when an article is saved and again when shown.

Only structural tags survive. Anything else — script, style, iframe, svg, math, forms,
event handlers, inline styles, classes, `javascript:`/`data:` URLs — is removed, so a
body pasted from elsewhere or written straight into the database stays harmless.
"""

from html import unescape

import nh3
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "hr", "a",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Removed together with their content (not just unwrapped).
DROP_WITH_CONTENT = {"script", "style", "iframe", "svg", "math", "object", "embed", "template"}

# What the editor offers: the same set of structures the allow-list keeps.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROP_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_html(html):
    """Return `html` reduced to the allow-list ("" for an empty editor paragraph)."""
    cleaned = _cleaner.clean(html or "").strip()
    if cleaned in ("<p></p>", "<p><br></p>"):
        return ""
    return cleaned


def render_html(html):
    """Sanitise again at render time and mark the result safe for templates."""
    return mark_safe(clean_html(html))  # noqa: S308 - cleaned by the allow-list above


def html_to_text(html):
    """Plain text of a rich-text body (for search, snippets and descriptions)."""
    text = strip_tags(clean_html(html).replace("</p>", "</p> ").replace("<br>", " "))
    return " ".join(unescape(text).split())
