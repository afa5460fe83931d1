"""The work queue's date hierarchy without DISTINCT over the whole table.

Django's admin lists the years (then months) that have rows with ``SELECT DISTINCT
date_trunc(…)``, a full scan of 100 000 dossiers on every queue page. Here the years and
months come from MIN and MAX of the (indexed) submission time: a month without dossiers
may be offered, and simply shows an empty list. Days inside a chosen month are left to
Django (the month filter keeps that query small).
"""

import datetime as dt

from django import template
from django.contrib.admin.templatetags import admin_list
from django.db.models import Max, Min
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("admin/date_hierarchy.html")
def dossier_date_hierarchy(cl):
    name = cl.date_hierarchy
    year, month, day = (cl.params.get(f"{name}__{part}") for part in ("year", "month", "day"))
    if month or day:
        return admin_list.date_hierarchy(cl)
    bounds = cl.queryset.aggregate(first=Min(name), last=Max(name))
    if not (bounds["first"] and bounds["last"]):
        return {"show": False}
    first, last = (timezone.localtime(bounds[k]) for k in ("first", "last"))

    def link(filters):
        return cl.get_query_string(filters, [f"{name}__"])

    if not year and first.year != last.year:
        return {
            "show": True,
            "back": None,
            "choices": [
                {"link": link({f"{name}__year": str(y)}), "title": str(y)}
                for y in range(first.year, last.year + 1)
            ],
        }
    year = int(year or first.year)
    start = first.month if first.year == year else 1
    end = last.month if last.year == year else 12
    return {
        "show": True,
        "back": {"link": link({}), "title": _("All dates")},
        "choices": [
            {
                "link": link({f"{name}__year": year, f"{name}__month": m}),
                "title": capfirst(formats.date_format(dt.date(year, m, 1), "YEAR_MONTH_FORMAT")),
            }
            for m in range(start, end + 1)
        ],
    }
