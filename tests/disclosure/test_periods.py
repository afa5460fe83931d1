"""Which periods a category page expects, at the boundaries of quarters, halves and years."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from disclosure.constants import Category, PeriodKind
from disclosure.periods import Period, expected_periods, period_label

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def labels(category, today):
    return [p.label for p in expected_periods(category, today)]


def test_quarter_is_expected_from_the_day_after_it_ends():
    assert labels(Category.BUDGET_EXECUTION_QUARTER, dt.date(2025, 9, 30)) == []
    assert labels(Category.BUDGET_EXECUTION_QUARTER, dt.date(2025, 10, 1)) == ["Quý III/2025"]
    assert labels(Category.BUDGET_EXECUTION_QUARTER, dt.date(2026, 1, 1)) == [
        "Quý IV/2025",
        "Quý III/2025",
    ]


def test_half_year_and_year_reports_after_their_end():
    assert labels(Category.BUDGET_EXECUTION_HALF, dt.date(2025, 12, 31)) == []
    assert labels(Category.BUDGET_EXECUTION_HALF, dt.date(2026, 7, 1)) == [
        "6 tháng đầu năm 2026",
        "6 tháng cuối năm 2025",
    ]
    assert labels(Category.BUDGET_SETTLEMENT, dt.date(2025, 12, 31)) == []
    assert labels(Category.BUDGET_SETTLEMENT, dt.date(2026, 1, 1)) == ["Năm 2025"]


def test_an_estimate_is_expected_from_the_first_day_of_its_year():
    """The ward's first year (from 1/7/2025) counts; the next from 1 January."""
    assert labels(Category.BUDGET_ESTIMATE, dt.date(2025, 7, 1)) == ["Năm 2025"]
    assert labels(Category.BUDGET_ESTIMATE, dt.date(2026, 12, 31)) == ["Năm 2026", "Năm 2025"]
    assert labels(Category.BUDGET_ESTIMATE, dt.date(2027, 1, 1))[0] == "Năm 2027"


def test_categories_without_a_period_expect_none():
    assert expected_periods(Category.INVESTMENT_PROJECTS, dt.date(2030, 1, 1)) == []


def test_period_arithmetic():
    q = Period.containing(dt.date(2025, 12, 31), PeriodKind.QUARTER)
    assert (q.year, q.part, q.start, q.end) == (
        2025,
        4,
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
    )
    assert q.next() == Period(2026, 1, PeriodKind.QUARTER)
    assert Period(2026, 1, PeriodKind.HALF).end == dt.date(2026, 6, 30)
    assert period_label(PeriodKind.NONE, None, 0) == ""


@pytest.mark.parametrize(
    ("instant", "expected_first"),
    [
        # 31/12 23:59 in Hải Phòng: Quý IV has not ended yet.
        (dt.datetime(2026, 12, 31, 23, 59, tzinfo=VN), "Quý III/2026"),
        # One minute later (still 31/12 in UTC): the ward's day decides.
        (dt.datetime(2027, 1, 1, 0, 0, tzinfo=VN), "Quý IV/2026"),
    ],
)
def test_the_wards_calendar_day_decides(clock, instant, expected_first):
    clock.now = instant
    today = timezone.localdate()
    assert labels(Category.BUDGET_EXECUTION_QUARTER, today)[0] == expected_first
