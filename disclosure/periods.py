"""Periods (quarter, half-year, year) and which of them should already be disclosed.

The rule a category page applies (`expected_periods`):
- periods run from the one holding the ward's first day, 1/7/2025 (Nghị quyết
  1669/NQ-UBTVQH15: the new ward's government took office that day), to today;
- a category due AT_START (a plan, an estimate: about the period ahead) expects a period
  from its first day; one due AFTER_END (execution reports, settlements: about a period
  gone by) from the day after its last day;
- a period expected and without a published entry is shown "Chưa công khai". That label
  states a fact (nothing is published yet), not a breach: no legal deadline after the end
  of a period was found for the ward's reports, so the page claims none.
Newest first, as the page shows them.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext

from disclosure.constants import RULES, Due, PeriodKind

WARD_FIRST_DAY = dt.date(2025, 7, 1)

PARTS = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}
MONTHS = {PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    part: int  # quarter 1–4, half 1–2; 0 for a whole year
    kind: str

    @classmethod
    def containing(cls, day, kind):
        if kind == PeriodKind.YEAR:
            return cls(day.year, 0, kind)
        return cls(day.year, (day.month - 1) // MONTHS[kind] + 1, kind)

    @property
    def start(self):
        if self.kind == PeriodKind.YEAR:
            return dt.date(self.year, 1, 1)
        return dt.date(self.year, (self.part - 1) * MONTHS[self.kind] + 1, 1)

    @property
    def end(self):
        return self.next().start - dt.timedelta(days=1)

    def next(self):
        if self.kind == PeriodKind.YEAR or self.part == PARTS[self.kind]:
            return Period(self.year + 1, 1 if self.kind != PeriodKind.YEAR else 0, self.kind)
        return Period(self.year, self.part + 1, self.kind)

    def due_on(self, due):
        """The first day this period is expected to have been disclosed."""
        return self.start if due == Due.AT_START else self.end + dt.timedelta(days=1)

    @property
    def key(self):
        return (self.year, self.part)

    @property
    def label(self):
        return period_label(self.kind, self.year, self.part)


def period_label(kind, year, part):
    """ "Quý III/2025", "6 tháng đầu năm 2026", "Năm 2026"; "" without a period."""
    if not year:
        return ""
    if kind == PeriodKind.QUARTER and part:
        roman = ("I", "II", "III", "IV")[part - 1]
        return gettext("Quý %(quarter)s/%(year)s") % {"quarter": roman, "year": year}
    if kind == PeriodKind.HALF and part == 1:
        return gettext("6 tháng đầu năm %(year)s") % {"year": year}
    if kind == PeriodKind.HALF and part == 2:
        return gettext("6 tháng cuối năm %(year)s") % {"year": year}
    return gettext("Năm %(year)s") % {"year": year}


def expected_periods(category, today):
    """The periods of `category` that should be disclosed by `today`, newest first."""
    rule = RULES[category]
    if rule.period == PeriodKind.NONE:
        return []
    found = []
    period = Period.containing(WARD_FIRST_DAY, rule.period)
    while period.due_on(rule.due) <= today:
        found.append(period)
        period = period.next()
    found.reverse()
    return found
