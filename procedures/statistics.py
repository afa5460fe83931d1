"""Public statistics of dossiers (/thong-ke/): per month, per field and per procedure.

Everything is computed with a few GROUP BY queries over columns that the retention purge
keeps (procedure, channel, dates, timeliness, working days used, ratings, apologies):
anonymised dossiers still count. Results are cached (STATISTICS_CACHE_SECONDS).

Definitions (shown on the page too):
* received: dossiers submitted in the month, online or in person;
* handled fully online (toàn trình): submitted online, fees paid online (or none owed) and
  the result delivered electronically, among the dossiers whose result was handed over
  (procedures.fully_online), against the Congress's 95 % target; and what stopped the
  others: submitted at the desk, paid at the desk, result collected in person or by post;
* finished early / on time / late: by the legal appointment (acceptance + processing time,
  pauses excluded; an apology does not make a late dossier on time);
* on-time rate: (early + on time) / finished;
* average working days: from acceptance to result, pauses excluded;
* satisfaction: satisfied ratings / ratings.
"""

from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from procedures import fully_online
from procedures.constants import Channel, Timeliness
from procedures.models import Apology, Dossier, Procedure, ProcedureField

CACHE_PREFIX = "procedures:statistics:v1"
TARGET_FULLY_ONLINE = fully_online.TARGET


def _metrics():
    online = Q(channel=Channel.ONLINE)
    return {
        "received": Count("pk"),
        "online": Count("pk", filter=online),
        "in_person": Count("pk", filter=Q(channel=Channel.IN_PERSON)),
        "handled": Count("pk", filter=fully_online.HANDLED),
        "fully_online": Count("pk", filter=fully_online.FULLY_ONLINE),
        **{
            f"not_online_{key}": Count("pk", filter=condition)
            for key, (condition, _label) in fully_online.REASONS.items()
        },
        "early": Count("pk", filter=Q(timeliness=Timeliness.EARLY)),
        "on_time": Count("pk", filter=Q(timeliness=Timeliness.ON_TIME)),
        "late": Count("pk", filter=Q(timeliness=Timeliness.LATE)),
        "avg_days": Avg("working_days_used"),
        "rated": Count("rating"),
        "satisfied": Count("rating", filter=Q(rating__satisfied=True)),
    }


def _percent(part, whole):
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def _finish(row, apologies):
    finished = row["early"] + row["on_time"] + row["late"]
    avg = row["avg_days"]
    return {
        **row,
        "finished": finished,
        "on_time_rate": _percent(row["early"] + row["on_time"], finished),
        "fully_online_rate": _percent(row["fully_online"], row["handled"]),
        "avg_days": Decimal(str(avg)).quantize(Decimal("0.1")) if avg is not None else None,
        "apologies": apologies,
        "satisfaction_rate": _percent(row["satisfied"], row["rated"]),
    }


def compute(*, field=None, procedure=None):
    """Return {"months": [...], "groups": [...], "total": {...}} for the given filter."""
    dossiers = Dossier.objects.all()
    apologies = Apology.objects.all()
    if procedure is not None:
        dossiers = dossiers.filter(procedure=procedure)
        apologies = apologies.filter(dossier__procedure=procedure)
    elif field is not None:
        dossiers = dossiers.filter(procedure__field=field)
        apologies = apologies.filter(dossier__procedure__field=field)

    apology_months = {
        _month_key(r["month"]): r["n"]
        for r in apologies.annotate(month=TruncMonth("dossier__submitted_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    months = [
        _finish(
            {**row, "month": _month_key(row["month"])},
            apology_months.get(_month_key(row["month"]), 0),
        )
        for row in dossiers.annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(**_metrics())
        .order_by("month")
    ]
    # Breakdown: by field for the whole ward, by procedure within a field.
    if field is None and procedure is None:
        key, names = "procedure__field", dict(ProcedureField.objects.values_list("pk", "name"))
        apology_key = "dossier__procedure__field"
    else:
        key = "procedure"
        names = dict(
            Procedure.objects.filter(dossiers__in=dossiers).values_list("pk", "name").distinct()
        )
        apology_key = "dossier__procedure"
    group_apologies = dict(
        apologies.values(apology_key)
        .annotate(n=Count("pk"))
        .values_list(apology_key, "n")
        .order_by()
    )
    groups = [
        _finish(
            {**row, "name": names.get(row[key], "–"), "key": row[key]},
            group_apologies.get(row[key], 0),
        )
        for row in dossiers.values(key).annotate(**_metrics()).order_by(key)
    ]
    groups.sort(key=lambda g: -g["received"])
    total_row = dossiers.aggregate(**_metrics())
    total = _finish(total_row, sum(apology_months.values()))
    return {"months": months, "groups": groups, "total": total, "generated_at": timezone.now()}


def _month_key(value):
    if value is None:
        return None
    if hasattr(value, "astimezone") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m")


def cached(*, field=None, procedure=None):
    key = f"{CACHE_PREFIX}:{field.pk if field else '-'}:{procedure.pk if procedure else '-'}"
    data = cache.get(key)
    if data is None:
        data = compute(field=field, procedure=procedure)
        cache.set(key, data, settings.STATISTICS_CACHE_SECONDS)
    return data


# --- charts (server-rendered SVG, numbers also in the table) -------------------------------

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 640, 220, 30


def bar_chart(months):
    """Geometry of a stacked bar chart (online over in person) of dossiers received."""
    if not months:
        return None
    top = max(m["received"] for m in months) or 1
    slot = (CHART_WIDTH - CHART_PAD) / len(months)
    width = max(4, slot * 0.6)
    scale = (CHART_HEIGHT - 2 * CHART_PAD) / top
    bars = []
    for i, m in enumerate(months):
        x = CHART_PAD + i * slot + (slot - width) / 2
        online_h = m["online"] * scale
        person_h = m["in_person"] * scale
        base = CHART_HEIGHT - CHART_PAD
        bars.append(
            {
                "month": m["month"],
                "x": round(x, 1),
                "width": round(width, 1),
                "online_y": round(base - online_h, 1),
                "online_h": round(online_h, 1),
                "person_y": round(base - online_h - person_h, 1),
                "person_h": round(person_h, 1),
                "label_x": round(x + width / 2, 1),
                "received": m["received"],
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "base": CHART_HEIGHT - CHART_PAD,
        "label_y": CHART_HEIGHT - CHART_PAD + 16,
        "top": top,
        "bars": bars,
    }


def rate_chart(months):
    """Geometry of the on-time rate per month (0–100 %).

    No target line: the Congress's 95 % is the share of dossiers handled fully online,
    not an on-time rate, and no source sets a figure for the on-time rate."""
    if not months:
        return None
    slot = (CHART_WIDTH - CHART_PAD) / len(months)
    width = max(4, slot * 0.6)
    scale = (CHART_HEIGHT - 2 * CHART_PAD) / 100
    base = CHART_HEIGHT - CHART_PAD
    bars = []
    for i, m in enumerate(months):
        rate = m["on_time_rate"]
        h = float(rate or 0) * scale
        x = CHART_PAD + i * slot + (slot - width) / 2
        bars.append(
            {
                "month": m["month"],
                "x": round(x, 1),
                "width": round(width, 1),
                "y": round(base - h, 1),
                "h": round(h, 1),
                "label_x": round(x + width / 2, 1),
                "rate": rate,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "base": base,
        "label_y": base + 16,
        "bars": bars,
    }


CSV_FIELDS = [
    ("month", "Tháng"),
    ("received", "Tiếp nhận"),
    ("online", "Trực tuyến"),
    ("in_person", "Trực tiếp"),
    ("handled", "Đã trả kết quả"),
    ("fully_online", "Xử lý toàn trình"),
    ("fully_online_rate", "Tỷ lệ toàn trình (%)"),
    ("not_online_submitted_at_desk", "Chưa toàn trình: nộp tại quầy"),
    ("not_online_paid_at_desk", "Chưa toàn trình: nộp phí tại quầy"),
    ("not_online_result_in_person", "Chưa toàn trình: nhận kết quả tại quầy, bưu chính"),
    ("finished", "Đã giải quyết"),
    ("early", "Trước hạn"),
    ("on_time", "Đúng hạn"),
    ("late", "Quá hạn"),
    ("on_time_rate", "Tỷ lệ đúng hạn (%)"),
    ("avg_days", "Số ngày làm việc trung bình"),
    ("apologies", "Phiếu xin lỗi"),
    ("rated", "Lượt đánh giá"),
    ("satisfied", "Hài lòng"),
    ("satisfaction_rate", "Tỷ lệ hài lòng (%)"),
]
