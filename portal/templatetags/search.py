"""Template tags of the search results page ({% load search %}, see settings.TEMPLATES)."""

import html
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


def _text(value):
    return html.escape(str(value), quote=True)


@register.simple_tag
def search_hit(hit):
    """One result (kind, date, linked title, excerpt), drawn in Python.

    A results page draws twenty; as template markup they cost about 2 ms of the page on a
    search the results cache has not seen, as much as PostgreSQL took to find them.
    """
    date = ""
    if hit.date:
        day = timezone.localtime(hit.date) if isinstance(hit.date, datetime) else hit.date
        date = f' <time datetime="{day:%Y-%m-%d}">{day:%d/%m/%Y}</time>'
    excerpt = hit.excerpt
    if excerpt:
        excerpt = f'<p class="search-hit__snippet">{excerpt}</p>'  # already HTML-safe
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<li class="search-hit"><p class="search-hit__kind">'
        f'<span class="badge text-bg-light">{_text(hit.kind_label)}</span>{date}</p>'
        f'<h2 class="search-hit__title"><a href="{_text(hit.url)}">{_text(hit.title)}</a></h2>'
        f"{excerpt}</li>"
    )
