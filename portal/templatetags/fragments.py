"""What a cached list of cards or rows changes with, for `{% cache %}` around the list."""

from django import template

register = template.Library()


@register.filter
def versions(objects, attributes):
    """[(attribute values of each object)]: `cards|versions:"pk updated_at field.name"`.

    A list of cards kept in the cache as one fragment is keyed by what each card's own
    cache key holds, so an unchanged list is one cache read, not one per card.
    """
    paths = [name.split(".") for name in attributes.split()]
    return [tuple(_value(obj, path) for path in paths) for obj in objects]


def _value(obj, path):
    for name in path:
        obj = getattr(obj, name)
    return obj
