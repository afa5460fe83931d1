"""Public figures of residents' reports, for /thong-ke/ and its CSV and JSON.

Definitions (shown on the page too):
* received: reports sent in the month (spam and duplicates included);
* answered: reports whose answer a leader approved in the month;
* answered on time: answered no later than the deadline (the topic's working days from
  sending, plus the time the office waited for the sender);
* average working days: from sending to the approved answer, waiting for the sender excluded.

Reports are counted by month and by topic; nothing about a sender is read. The figures are
cached for STATISTICS_CACHE_SECONDS.
"""

from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from feedback.constants import FeedbackStatus
from feedback.models import Feedback, FeedbackEvent
from procedures import workdays

CACHE_KEY = "feedback:statistics:v1"
CSV_FIELDS = [
    ("month", "Tháng"),
    ("received", "Tiếp nhận"),
    ("answered", "Đã trả lời"),
    ("on_time", "Trả lời đúng hạn"),
    ("on_time_rate", "Tỷ lệ đúng hạn (%)"),
    ("avg_days", "Số ngày làm việc trung bình"),
]


def _month(value):
    return timezone.localtime(value).strftime("%Y-%m")


def _empty():
    return {"received": 0, "answered": 0, "on_time": 0, "_days": []}


def _finish(row):
    days = row.pop("_days")
    answered = row["answered"]
    row["on_time_rate"] = (
        (Decimal(row["on_time"]) * 100 / answered).quantize(Decimal("0.1")) if answered else None
    )
    row["avg_days"] = (sum(days, Decimal(0)) / len(days)).quantize(Decimal("0.1")) if days else None
    return row


def _pauses(events):
    """{report pk: [(start, end)]} of the waits for the sender, from the history."""
    pauses, open_since = {}, {}
    for pk, to_status, at in events:
        if to_status == FeedbackStatus.INFO_REQUESTED:
            open_since[pk] = at
        elif pk in open_since:
            pauses.setdefault(pk, []).append((open_since.pop(pk), at))
    return pauses


def compute():
    """{"months": [...], "topics": [...], "total": {...}}: rows of received, answered,
    on time, on-time rate and average working days."""
    months, topics, total = {}, {}, _empty()
    rows = Feedback.objects.values_list(
        "pk", "submitted_at", "answered_at", "due_at", "topic__name"
    ).order_by("submitted_at")
    answered_pks = [pk for pk, _s, answered, _d, _t in rows if answered is not None]
    events = (
        FeedbackEvent.objects.filter(feedback__in=answered_pks)
        .order_by("created_at", "pk")
        .values_list("feedback_id", "to_status", "created_at")
    )
    pauses = _pauses(events)
    for pk, submitted, answered, due, topic in rows:
        for bucket in (
            months.setdefault(_month(submitted), _empty()),
            topics.setdefault(topic, _empty()),
            total,
        ):
            bucket["received"] += 1
        if answered is None:
            continue
        days = Decimal(str(workdays.working_days_between(submitted, answered, pauses.get(pk, []))))
        for bucket in (months.setdefault(_month(answered), _empty()), topics[topic], total):
            bucket["answered"] += 1
            bucket["on_time"] += int(due is None or answered <= due)
            bucket["_days"].append(days)
    return {
        "months": [{"month": m, **_finish(r)} for m, r in sorted(months.items())],
        "topics": [{"name": t, **_finish(r)} for t, r in sorted(topics.items())],
        "total": _finish(total),
        "generated_at": timezone.now(),
    }


def cached():
    data = cache.get(CACHE_KEY)
    if data is None:
        data = compute()
        cache.set(CACHE_KEY, data, settings.STATISTICS_CACHE_SECONDS)
    return data
