"""`{% feedback_statistics as data %}`: the reports' figures for the /thong-ke/ page.

A tag, so that the statistics page of the procedures app shows them without importing
this app.
"""

from django import template

from feedback import statistics

register = template.Library()


@register.simple_tag
def feedback_statistics():
    return statistics.cached()
