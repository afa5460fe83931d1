"""Template helpers of the news section: pictures, JSON-LD, admin media with a nonce."""

import json

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from js_asset import Media

from .. import selectors

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def picture(image, sizes="100vw", css_class="", eager=False):
    """An <img> with srcset, sizes, width/height and lazy loading (no query).

    Built in Python rather than with an included template: a list page draws twenty of
    these, and an inclusion tag costs a template render each.
    """
    if not image:
        return ""
    attrs = [("src", image.small_url)]
    if image.renditions:
        attrs += [("srcset", image.srcset), ("sizes", sizes)]
    attrs.append(("alt", image.alt or ""))
    if image.width:
        attrs += [("width", image.width), ("height", image.height)]
    attrs += [("fetchpriority", "high")] if eager else [("loading", "lazy")]
    attrs.append(("decoding", "async"))
    if css_class:
        attrs.append(("class", css_class))
    return format_html("<img{}>", format_html_join("", ' {}="{}"', attrs))


@register.simple_tag
def jsonld(data):
    """A JSON-LD data block (not executed, so CSP's script-src does not apply)."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag
def home_news():
    """Latest and featured articles for the home page (cached, ≤ 2 queries cold)."""
    featured = selectors.featured_articles(3)
    seen = {a.pk for a in featured}
    latest = [a for a in selectors.latest_articles(9) if a.pk not in seen][:6]
    return {"featured": featured, "latest": latest}


@register.simple_tag(takes_context=True)
def media_with_nonce(context, media):
    """Render form media with the request's CSP nonce (admin only: the editor's importmap).

    Django 6.0 has no `csp_nonce_attr` tag yet; django-js-asset documents this helper.
    """
    nonce = context.get("csp_nonce", "")
    if not isinstance(media, Media):
        media = Media.from_media(media)
    return media.with_nonce(str(nonce)).render()
