"""Template helpers of the news section: pictures, cards, JSON-LD, admin media with a nonce."""

import json

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from js_asset import Media

from congress import selectors

register = template.Library()

CARD_SIZES = "(min-width: 768px) 240px, 100vw"
SUMMARY_CHARS = 320


@register.inclusion_tag("congress/_picture.html")
def picture(image, sizes="100vw", css_class="", eager=False):
    """An <img> with srcset, sizes, width/height and lazy loading (no query)."""
    return {"image": image, "sizes": sizes, "css_class": css_class, "eager": eager}


@register.inclusion_tag("congress/_article_card.html")
def article_card(article, heading="h2", compact=False):
    """One news card (cover, title, category, date, sapo).

    Kept in the cache as drawn, under the article's own version (id, last change, its
    category's name and address): a card survives the page-cache changes other articles
    cause, so a list page redrawn after one publication draws one new card, not twenty.
    """
    return {
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "language": get_language(),
        "article": article,
        "heading": heading if heading in {"h2", "h3", "h4"} else "h2",
        "compact": compact,
        "card_sizes": CARD_SIZES,
    }


@register.filter
def sapo(text, length=SUMMARY_CHARS):
    """`text` cut at the last whole word within `length` characters, then " …"."""
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0] + " …"


@register.filter
def jsonld(data):
    """`data` as the JSON of a JSON-LD data block, safe inside <script>: `<`, `>` and `&`
    escaped, so that no text can close the element."""
    payload = (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
        .replace("&", "\\u0026")
    )
    return mark_safe(payload)  # noqa: S308 - JSON with every markup character escaped


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
