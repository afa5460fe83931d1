"""Reads for the disclosure pages: what each category holds and which periods are missing."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from disclosure.constants import RULES, Category, PeriodKind
from disclosure.models import DisclosureEntry, DisclosureFile
from disclosure.periods import expected_periods

LIST_FIELDS = (
    "category",
    "title",
    "slug",
    "period_year",
    "period_part",
    "posted_on",
    "posted_until",
    "summary",
    "is_demo",
)


@dataclass
class PeriodRow:
    period: object
    entries: list = field(default_factory=list)

    @property
    def missing(self):
        return not self.entries


@dataclass
class CategorySummary:
    category: Category
    rule: object
    latest: DisclosureEntry | None
    missing: int


def entries_for_list(queryset=None):
    """Published entries with the columns a list shows and their files (one query more)."""
    queryset = queryset if queryset is not None else DisclosureEntry.objects.published()
    return queryset.only(*LIST_FIELDS).prefetch_related(
        Prefetch("files", queryset=DisclosureFile.objects.only("id", "entry_id", "title", "file"))
    )


def category_page(category, today=None):
    """(rows, other): one PeriodRow per expected period, newest first, each with its
    entries; `other` holds the entries of no expected period (no period at all, or one
    not yet due, e.g. an estimate published ahead of its year)."""
    today = today or timezone.localdate()
    entries = list(
        entries_for_list(DisclosureEntry.objects.published().filter(category=category)).order_by(
            "-posted_on", "-id"
        )
    )
    rows = [PeriodRow(p) for p in expected_periods(category, today)]
    by_key = {row.period.key: row for row in rows}
    other = []
    for entry in entries:
        row = by_key.get(entry.period_key)
        (row.entries if row else other).append(entry)
    return rows, other


def overview(today=None):
    """Every category with its latest published entry and its count of missing periods."""
    today = today or timezone.localdate()
    published = list(
        DisclosureEntry.objects.published()
        .only("category", "title", "slug", "period_year", "period_part", "posted_on", "is_demo")
        .order_by("-posted_on", "-id")
    )
    latest, keys = {}, {}
    for entry in published:
        latest.setdefault(entry.category, entry)
        keys.setdefault(entry.category, set()).add(entry.period_key)
    summaries = []
    for category in Category:
        rule = RULES[category]
        missing = sum(
            1
            for p in expected_periods(category, today)
            if p.key not in keys.get(category.value, set())
        )
        summaries.append(CategorySummary(category, rule, latest.get(category.value), missing))
    return summaries


def is_periodic(category):
    return RULES[category].period != PeriodKind.NONE


def next_day_boundary():
    """The next local midnight: what is posted, ended or due changes only then (every
    date here is a calendar day), so no cached page outlives that moment."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
