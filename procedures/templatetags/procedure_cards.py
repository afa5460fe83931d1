"""Template helpers of the public catalogue: what its cached fragments change with."""

from django import template

register = template.Library()


@register.filter
def card_versions(procedures):
    """What a page of catalogue cards changes with (each card's own cache key): for a
    {% cache %} around the whole list, so an unchanged page is one cache read, not one
    per card."""
    return [(p.pk, p.updated_at, p.field.name) for p in procedures]
