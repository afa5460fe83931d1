"""The public reception schedule: this week and the next ones, and the calendar feed."""

import datetime as dt

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.pagecache import cache_public_page
from reception import feeds, rules, selectors

WEEKS_SHOWN = 5  # this week and the next four


@require_GET
@cache_public_page
def schedule(request):
    today = timezone.localdate()
    monday = selectors.week_start(today)
    last = monday + dt.timedelta(weeks=WEEKS_SHOWN, days=-1)
    occurrences = selectors.sessions_between(monday, last)
    weeks = selectors.weeks(monday, WEEKS_SHOWN, occurrences)
    context = {
        "weeks": weeks,
        "today": today,
        "defaults": selectors.weekly_defaults(today),
        "has_demo": any(o.is_demo for o in occurrences),
    }
    # Only staff see the law's check: their pages are never cached (they carry a session).
    if request.user.is_staff:
        context["chair_missing"] = not rules.chair_has_weekly_session(today)
        context["weeks_without_chair"] = rules.weeks_without_chair(weeks)
    return render(request, "reception/schedule.html", context)


schedule_ics = require_GET(cache_public_page(feeds.schedule_ics))
