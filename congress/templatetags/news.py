"""Template helpers of the news section: pictures, JSON-LD, admin media with a nonce."""

import html
import json

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from js_asset import Media

from congress import selectors

register = template.Library()

CARD_SIZES = "(min-width: 768px) 240px, 100vw"


def _attr(value):
    return html.escape(str(value), quote=True)


@register.simple_tag
def picture(image, sizes="100vw", css_class="", eager=False):
    """An <img> with srcset, sizes, width/height and lazy loading (no query).

    Built with plain string escaping rather than an included template or format_html: a
    list page draws twenty of these and they dominated its rendering time.
    """
    if not image:
        return ""
    parts = [f'<img src="{_attr(image.small_url)}"']
    if image.renditions:
        parts.append(f' srcset="{_attr(image.srcset)}" sizes="{_attr(sizes)}"')
    parts.append(f' alt="{_attr(image.alt or "")}"')
    if image.width:
        parts.append(f' width="{int(image.width)}" height="{int(image.height)}"')
    parts.append(' fetchpriority="high"' if eager else ' loading="lazy"')
    parts.append(' decoding="async"')
    if css_class:
        parts.append(f' class="{_attr(css_class)}"')
    parts.append(">")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above


@register.simple_tag
def article_card(article, heading="h2", compact=False):
    """One news card (cover, title, category, date, sapo), drawn in Python.

    A list page draws twenty; as an included template each cost about half a
    millisecond, which was most of a list page's rendering time on a cache miss.
    """
    if heading not in {"h2", "h3", "h4"}:
        heading = "h2"
    url = _attr(article.get_absolute_url())
    media = ""
    cover = article.cover_image
    if cover:
        media = (
            f'<a class="news-card__media" href="{url}" tabindex="-1" aria-hidden="true">'
            f"{picture(cover, CARD_SIZES, 'news-card__img')}</a>"
        )
    published = timezone.localtime(article.published_at)
    summary = ""
    if not compact:
        text = article.summary
        if len(text) > 320:
            text = text[:320].rsplit(" ", 1)[0] + " …"
        summary = f'<p class="news-card__summary">{_attr(text)}</p>'
    category = article.category
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<article class="news-card{" news-card--compact" if compact else ""}">{media}'
        f'<div class="news-card__body"><{heading} class="news-card__title">'
        f'<a href="{url}">{_attr(article.title)}</a></{heading}>'
        f'<p class="news-card__meta"><a href="{_attr(category.get_absolute_url())}">'
        f"{_attr(category.name)}</a> · "
        f'<time datetime="{published.isoformat()}">{published:%d/%m/%Y}</time></p>'
        f"{summary}</div></article>"
    )


@register.simple_tag
def jsonld(data):
    """A JSON-LD data block (not executed, so CSP's script-src does not apply)."""
    # `<`, `>` and `&` escaped so that no text can close the element (str.replace: a
    # dict-based str.translate costs a tenth of a millisecond on an article's data).
    payload = (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
        .replace("&", "\\u0026")
    )
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
