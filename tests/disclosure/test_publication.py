"""The publication rule, the posting period and the entry's validation."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure import services
from disclosure.constants import Category, DisclosureStatus
from disclosure.models import DisclosureEntry
from tests.disclosure.factories import DisclosureEntryFactory

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_published_needs_the_status_and_a_posting_day_reached(clock):
    clock.now = dt.datetime(2026, 3, 31, 23, 0, tzinfo=VN)
    shown = DisclosureEntryFactory(posted_on=dt.date(2026, 3, 31))
    DisclosureEntryFactory(draft=True)
    tomorrow = DisclosureEntryFactory(posted_on=dt.date(2026, 4, 1))
    assert list(DisclosureEntry.objects.published()) == [shown]
    clock.now = dt.datetime(2026, 4, 1, 0, 1, tzinfo=VN)
    assert set(DisclosureEntry.objects.published()) == {shown, tomorrow}


def test_posting_lasts_at_least_thirty_days_by_default():
    entry = DisclosureEntryFactory(posted_on=dt.date(2026, 5, 1))
    assert entry.posted_until == dt.date(2026, 5, 31)
    assert entry.is_posted(dt.date(2026, 5, 31))
    assert not entry.is_posted(dt.date(2026, 6, 1))


def test_periodic_category_needs_a_valid_period():
    entry = DisclosureEntry(
        category=Category.BUDGET_EXECUTION_QUARTER,
        title="Thực hiện dự toán",
        period_year=2026,
        period_part=5,
        posted_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as error:
        services.entry_save(entry=entry)
    assert "period_part" in error.value.message_dict
    entry.period_part = 2
    services.entry_save(entry=entry)
    assert entry.period_label == "Quý II/2026"


def test_a_yearly_category_refuses_a_quarter_and_missing_year():
    entry = DisclosureEntry(category=Category.BUDGET_SETTLEMENT, title="Quyết toán", period_part=1)
    with pytest.raises(ValidationError) as error:
        services.entry_save(entry=entry)
    assert {"period_year", "period_part"} <= set(error.value.message_dict)


def test_posting_end_before_start_is_refused():
    entry = DisclosureEntry(
        category=Category.OTHER,
        title="Thông báo",
        posted_on=dt.date(2026, 5, 10),
        posted_until=dt.date(2026, 5, 1),
    )
    with pytest.raises(ValidationError):
        services.entry_save(entry=entry)


def test_two_entries_may_share_a_period():
    """An estimate and its adjustment are both disclosed for the same year."""
    for title in ("Dự toán năm 2026", "Dự toán điều chỉnh năm 2026"):
        services.entry_save(
            entry=DisclosureEntry(
                category=Category.BUDGET_ESTIMATE,
                title=title,
                period_year=2026,
                status=DisclosureStatus.PUBLISHED,
            )
        )
    assert DisclosureEntry.objects.filter(period_year=2026).count() == 2


def test_publish_and_withdraw_services():
    drafts = DisclosureEntryFactory.create_batch(2, draft=True)
    qs = DisclosureEntry.objects.filter(pk__in=[e.pk for e in drafts])
    assert services.entries_publish(entries=qs) == 2
    assert services.entries_publish(entries=qs) == 0
    assert DisclosureEntry.objects.published().count() == 2
    assert services.entries_withdraw(entries=qs) == 2
    assert DisclosureEntry.objects.published().count() == 0


def test_rules_and_permanent_posting_follow_article_13():
    """Điều 13 khoản 2: khoản 4 and 13 of Điều 11 are posted permanently, the rest at
    least 30 days; every khoản 1–14 of Điều 11 has a category."""
    from disclosure.constants import RULES

    assert {rule.clause for rule in RULES.values()} == set(range(1, 15))
    permanent = {c for c, rule in RULES.items() if rule.is_permanent}
    assert permanent == {Category.DEMOCRACY_RULES, Category.PROCEDURES}
    entry = DisclosureEntryFactory(category=Category.DEMOCRACY_RULES, posted_on=dt.date(2026, 1, 2))
    assert entry.posted_until is None
    assert entry.is_posted(dt.date(2030, 1, 1))
