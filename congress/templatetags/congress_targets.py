"""`{% congress_targets as targets %}`: the term targets for pages of other apps (/thong-ke/).

A tag, so that the statistics page of the procedures app shows the targets without
importing this app; `|target_value:unit` prints a value as the targets are written.
"""

from django import template

from congress import progress
from congress.models.targets import format_value

register = template.Library()


@register.simple_tag
def congress_targets():
    """The targets of the current term with their progress (cached)."""
    return progress.term_progress()


@register.filter
def target_value(value, unit):
    """ "95%", "3,5%/năm", "3": a value in the unit of its target."""
    if value is None or value == "":
        return "–"
    return format_value(value, unit)
