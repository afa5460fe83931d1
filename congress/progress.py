"""Where each target of the term stands: its values, its status and its chart.

Status, for a target with at least one value:
* achieved: the latest value meets the target (at least / at most / exactly);
* on track: not yet, but the distance to the target has shrunk at least as fast as an even
  path from the starting point (the baseline, else the first value) to the target at
  `due_on` would have it shrink by the latest value's date;
* behind: otherwise, and always for a yearly rate that misses its mark (a rate per year is
  met or not each year, there is no path towards it), and for a single value without a
  baseline (no starting point to judge progress from).

The share of dossiers handled fully online is measured, never entered: the portal counts
its own dossiers with the rules of procedures.fully_online, per month of submission as on
/thong-ke/, and the latest value is the year so far (the whole previous year in the first
days of January, before any dossier of the new year is handed over).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch
from django.db.models.functions import TruncMonth
from django.utils import timezone

from congress import charts
from congress.constants import TargetComputation, TargetDirection, TargetStatus, TargetUnit
from congress.models import Congress, Target, TargetValue
from portal.pagecache import cached_value
from procedures import fully_online
from procedures.models import Dossier


@dataclass(frozen=True)
class Reading:
    """One value of a target: entered by an editor, or measured by the portal."""

    value: Decimal
    measured_on: date
    source: str = ""
    note: str = ""
    is_demo: bool = False
    entered_at: datetime | None = None
    corrected: bool = False  # a later value put this one right: kept, not counted
    # Measured values: the period counted ("month", "year_to_date", "year") and its counts.
    period: str = ""
    period_start: date | None = None
    handled: int = 0
    fully_online: int = 0


@dataclass
class TargetProgress:
    target: Target
    latest: Reading | None
    history: list = field(default_factory=list)  # every value, corrected ones included
    status: str = TargetStatus.NO_DATA
    chart: charts.TargetChart | None = None

    @property
    def status_label(self):
        return TargetStatus(self.status).label

    @property
    def has_demo(self):
        return any(r.is_demo for r in self.history)


def _distance(value, target, direction):
    """How far `value` is from meeting the target (≤ 0: met)."""
    if direction == TargetDirection.AT_MOST:
        return value - target
    if direction == TargetDirection.EXACTLY:
        return abs(value - target)
    return target - value


def status_of(*, target_value, direction, unit, due_on, latest, start=None):
    """The status (TargetStatus) of the `latest` reading, from `start` (value, date)."""
    if latest is None:
        return TargetStatus.NO_DATA
    value, on = latest
    if _distance(Decimal(value), Decimal(target_value), direction) <= 0:
        return TargetStatus.ACHIEVED
    if unit == TargetUnit.PERCENT_PER_YEAR or start is None:
        return TargetStatus.BEHIND
    start_value, start_on = start
    gap_at_start = _distance(Decimal(start_value), Decimal(target_value), direction)
    if gap_at_start <= 0 or on <= start_on:
        return TargetStatus.BEHIND
    whole = max((due_on - start_on).days, 1)
    elapsed = min((on - start_on).days, whole)
    allowed = gap_at_start * (1 - Decimal(elapsed) / Decimal(whole))
    gap = _distance(Decimal(value), Decimal(target_value), direction)
    return TargetStatus.ON_TRACK if gap <= allowed else TargetStatus.BEHIND


def _percent(part, whole):
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def _month_start(value):
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.replace(day=1)


def _month_end(first):
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def fully_online_readings(today=None):
    """(monthly readings, latest reading or None) of the fully-online share (1 query)."""
    today = today or timezone.localdate()
    rows = (
        Dossier.objects.annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(
            handled=Count("pk", filter=fully_online.HANDLED),
            done=Count("pk", filter=fully_online.FULLY_ONLINE),
        )
        .order_by("month")
    )
    months = []
    for row in rows:
        if not row["handled"] or row["month"] is None:
            continue
        first = _month_start(row["month"])
        months.append(
            Reading(
                value=_percent(row["done"], row["handled"]),
                measured_on=min(_month_end(first), today),
                period="month",
                period_start=first,
                handled=row["handled"],
                fully_online=row["done"],
            )
        )
    latest = None
    for year, period in ((today.year, "year_to_date"), (today.year - 1, "year")):
        chosen = [m for m in months if m.period_start.year == year and m.period_start <= today]
        handled = sum(m.handled for m in chosen)
        if handled:
            done = sum(m.fully_online for m in chosen)
            latest = Reading(
                value=_percent(done, handled),
                measured_on=today if year == today.year else date(year, 12, 31),
                period=period,
                period_start=date(year, 1, 1),
                handled=handled,
                fully_online=done,
            )
            break
    return months, latest


def _entered_readings(target):
    corrected = {v.corrects_id for v in target.values.all() if v.corrects_id}
    return [
        Reading(
            value=v.value,
            measured_on=v.measured_on,
            source=v.source,
            note=v.note,
            is_demo=v.is_demo,
            entered_at=v.entered_at,
            corrected=v.pk in corrected,
        )
        for v in target.values.all()
    ]


def progress_of(target, *, measured=None):
    """The TargetProgress of a target whose values are prefetched (no query)."""
    if target.computed_from == TargetComputation.FULLY_ONLINE:
        history, latest = measured if measured is not None else measured_fully_online()
        counted = history
    else:
        history = _entered_readings(target)
        counted = [r for r in history if not r.corrected]
        # The latest measurement; of two for the same day, the one entered last.
        latest = max(counted, key=lambda r: (r.measured_on, r.entered_at), default=None)
    baseline = None
    if target.baseline_value is not None and target.baseline_on is not None:
        baseline = (target.baseline_value, target.baseline_on)
    start = baseline
    if start is None and counted:
        first = min(counted, key=lambda r: (r.measured_on, r.entered_at or timezone.now()))
        start = (first.value, first.measured_on)
    status = status_of(
        target_value=target.target_value,
        direction=target.direction,
        unit=target.unit,
        due_on=target.due_on,
        latest=(latest.value, latest.measured_on) if latest else None,
        start=start,
    )
    chart = charts.build(
        target_value=target.target_value,
        unit=target.unit,
        readings=_one_per_day(counted),
        baseline=baseline,
    )
    return TargetProgress(target, latest, history, status, chart)


def _one_per_day(readings):
    """The readings to draw: of two values for the same day, the one entered last."""
    by_day = {}
    for r in sorted(readings, key=lambda r: (r.measured_on, r.entered_at or timezone.now())):
        by_day[r.measured_on] = r
    return list(by_day.values())


def _targets():
    values = Prefetch("values", queryset=TargetValue.objects.order_by("measured_on", "entered_at"))
    return Target.objects.prefetch_related(values)


def current_term():
    """The term of the latest Congress; without one, the latest term that has targets."""
    congress = Congress.objects.select_related("term").first()
    if congress is not None:
        return congress.term.name
    return Target.objects.order_by("-term").values_list("term", flat=True).first()


def measured_fully_online():
    """fully_online_readings(), cached like the figures of /thong-ke/."""
    today = timezone.localdate()
    return cached_value(
        ("congress-fully-online", today.isoformat()),
        lambda: fully_online_readings(today),
        timeout=settings.STATISTICS_CACHE_SECONDS,
    )


def _compute(term):
    targets = list(_targets().of_term(term))
    measured = None
    if any(t.computed_from == TargetComputation.FULLY_ONLINE for t in targets):
        measured = measured_fully_online()
    return [progress_of(t, measured=measured) for t in targets]


def term_progress(term=None):
    """Every target of `term` (default: the current one) with its progress, cached.

    The key holds the page version (an editor's new value shows at once) and today's date;
    the dossier counts behind the fully-online share are at most STATISTICS_CACHE_SECONDS
    old, as on /thong-ke/. Cold: 2 queries for the targets and their values, 1 for the
    dossiers (and 1 to find the current term when none is given).
    """
    today = timezone.localdate()
    if term is None:
        term = cached_value(("congress-current-term",), lambda: current_term() or "")
    return cached_value(
        ("congress-targets", term, today.isoformat()),
        lambda: _compute(term),
        timeout=settings.STATISTICS_CACHE_SECONDS,
    )


def target_progress(code):
    """The progress of one target (for its own page), or None if no such target."""
    target = _targets().filter(code=code).first()
    if target is None:
        return None
    return progress_of(target)
