"""Dates on the search page: the ward's calendar day, written day-first like `date:"d/m/Y"`."""

from datetime import UTC, date, datetime

from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from portal.search.registry import Hit
from portal.templatetags.dates import dmy


def test_dmy_writes_a_day_like_the_date_filter():
    for day in (date(2026, 12, 6), date(2025, 7, 1), date(999, 1, 9)):
        assert dmy(day) == date_filter(day, "d/m/Y")


def test_dmy_refuses_what_is_not_a_calendar_day():
    assert dmy(None) == "" and dmy("06/12/2026") == ""
    assert dmy(datetime(2026, 12, 6, 1, 0, tzinfo=UTC)) == ""  # convert first: Hit.day


def test_a_hits_day_is_the_wards_day_not_utcs():
    # 18:00 UTC on 5 December is 01:00 on 6 December in Hải Phòng (UTC+7).
    evening = datetime(2026, 12, 5, 18, 0, tzinfo=UTC)
    hit = Hit(title="t", url="/", kind="article", score=1, date=evening)
    assert hit.day == date(2026, 12, 6) == timezone.localtime(evening).date()
    # What the template showed before: the date filter of the datetime in local time.
    assert dmy(hit.day) == date_filter(timezone.localtime(evening), "d/m/Y") == "06/12/2026"
    assert Hit(title="t", url="/", kind="document", score=1, date=date(2025, 8, 14)).day == date(
        2025, 8, 14
    )
    assert Hit(title="t", url="/", kind="person", score=1).day is None
