"""Geometry of the small line chart drawn for each target (SVG from a template).

Only numbers are computed here; the markup lives in templates/congress/_target_chart.html.
The vertical scale always holds the target, the baseline and every value (a value above
the target stays inside the frame). Percentages that all sit high (cultured families at
94–98 %) are drawn on a band such as 80–100 % rather than 0–100 %, where their changes
would be a pixel high; the axis prints both ends, so the band is never hidden.
"""

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from congress.constants import TargetUnit
from congress.models.targets import format_value

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 44, 308, 14, 122


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    value: Decimal
    measured_on: date
    is_demo: bool = False


@dataclass(frozen=True)
class TargetChart:
    points: tuple
    baseline: ChartPoint | None
    target_y: float
    low: Decimal
    high: Decimal
    first_on: date | None
    last_on: date | None
    unit: str = TargetUnit.PERCENT
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM

    @property
    def is_empty(self):
        return not self.points

    @property
    def polyline(self):
        """The points of the line, "x,y x,y …" (an SVG attribute value, numbers only)."""
        return " ".join(f"{p.x},{p.y}" for p in self.points)

    @property
    def tick_unit(self):
        # "%/năm" does not fit beside the axis; the target's label names the full unit.
        return TargetUnit.PERCENT if self.unit == TargetUnit.PERCENT_PER_YEAR else self.unit

    @property
    def high_label(self):
        return format_value(self.high, self.tick_unit)

    @property
    def low_label(self):
        return format_value(self.low, self.tick_unit)

    @property
    def target_label_y(self):
        """Where the target's label sits: above its line, or below it at the very top."""
        return self.target_y - 4 if self.target_y - 4 > self.top + 8 else self.target_y + 12

    @property
    def label_y(self):
        return self.bottom + 16

    @property
    def middle_x(self):
        return round((self.left + self.right) / 2, 1)


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above `value` (for a readable axis end)."""
    if value <= 0:
        return Decimal(1)
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = Decimal(str(step)) * Decimal(10) ** exponent
        if candidate >= value:
            return candidate.normalize()
    return (Decimal(10) ** (exponent + 1)).normalize()  # pragma: no cover - loop ends at 10


def scale(values, unit):
    """(low, high) of the vertical axis for these values (target and baseline included)."""
    top = max(values)
    bottom = min(values)
    if unit == TargetUnit.PERCENT:
        high = Decimal(100) if top <= 100 else nice_ceiling(top)
        low = Decimal(0)
        if bottom >= 50:
            low = Decimal(max(0, math.floor((bottom - 5) / 10) * 10))
        return low, high
    return Decimal(0), nice_ceiling(top * Decimal("1.2")) if top > 0 else Decimal(1)


def build(*, target_value, unit, readings, baseline=None):
    """The chart of `readings` (objects with value, measured_on, is_demo) against a target.

    `baseline` is (value, date) or None; it is drawn as a point of its own before the line.
    """
    readings = sorted(readings, key=lambda r: r.measured_on)
    values = [Decimal(target_value)] + [Decimal(r.value) for r in readings]
    if baseline is not None:
        values.append(Decimal(baseline[0]))
    low, high = scale(values, unit)

    def y(value):
        share = (Decimal(value) - low) / (high - low)
        return round(BOTTOM - float(share) * (BOTTOM - TOP), 1)

    dates = [r.measured_on for r in readings] + ([baseline[1]] if baseline else [])
    first_on, last_on = (min(dates), max(dates)) if dates else (None, None)

    def x(day):
        if first_on == last_on:
            return round((LEFT + RIGHT) / 2, 1)
        share = (day - first_on).days / (last_on - first_on).days
        return round(LEFT + share * (RIGHT - LEFT), 1)

    points = tuple(
        ChartPoint(x(r.measured_on), y(r.value), Decimal(r.value), r.measured_on, r.is_demo)
        for r in readings
    )
    base = None
    if baseline is not None:
        base = ChartPoint(x(baseline[1]), y(baseline[0]), Decimal(baseline[0]), baseline[1])
    return TargetChart(
        points=points,
        baseline=base,
        target_y=y(target_value),
        low=low,
        high=high,
        first_on=first_on,
        last_on=last_on,
        unit=unit,
    )
