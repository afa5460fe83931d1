"""/thong-ke/: public statistics of dossiers, as a page with SVG charts, CSV and JSON."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from procedures import statistics
from procedures.csv_export import csv_response
from procedures.models import Procedure, ProcedureField

# The charts draw the latest months only: beyond a year their bars and value labels would be
# too narrow to read. The monthly table below them keeps every month.
CHART_MONTHS = 12


def _filters(request):
    """The field and procedure chosen in the query string (unknown values are ignored)."""
    field = procedure = None
    slug = request.GET.get("linh-vuc", "")[:80]
    if slug:
        field = ProcedureField.objects.filter(slug=slug).first()
    proc = request.GET.get("thu-tuc", "")[:120]
    if proc and field is not None:
        procedure = Procedure.objects.published().filter(slug=proc, field=field).first()
    return field, procedure


@require_GET
def statistics_page(request):
    field, procedure = _filters(request)
    data = statistics.cached(field=field, procedure=procedure)
    query = request.GET.urlencode()
    chart_months = data["months"][-CHART_MONTHS:]
    return render(
        request,
        "procedures/statistics.html",
        {
            "data": data,
            "field": field,
            "procedure": procedure,
            "fields": ProcedureField.objects.all(),
            "procedures": field.procedures.published() if field else [],
            "chart_months": chart_months,
            "charts_truncated": len(data["months"]) > CHART_MONTHS,
            "received_chart": statistics.bar_chart(chart_months),
            "rate_chart": statistics.rate_chart(chart_months),
            "target": statistics.TARGET_FULLY_ONLINE,
            "query": query,
        },
    )


def _rows(data):
    return [[row.get(key) for key, _label in statistics.CSV_FIELDS] for row in data["months"]]


@require_GET
def statistics_csv(request):
    field, procedure = _filters(request)
    data = statistics.cached(field=field, procedure=procedure)
    response = csv_response(
        "thong-ke-ho-so.csv", [label for _key, label in statistics.CSV_FIELDS], _rows(data)
    )
    response["Cache-Control"] = "public, max-age=600"  # public figures, no personal data
    return response


@require_GET
def statistics_json(request):
    field, procedure = _filters(request)
    data = statistics.cached(field=field, procedure=procedure)

    def clean(row):
        return {
            key: (
                str(row[key])
                if row.get(key) is not None and key.endswith(("rate", "days"))
                else row.get(key)
            )
            for key, _label in statistics.CSV_FIELDS
            if key in row
        }

    return JsonResponse(
        {
            "field": field.name if field else None,
            "procedure": procedure.name if procedure else None,
            "generated_at": data["generated_at"].isoformat(),
            "definitions": statistics.__doc__.split("Definitions (shown on the page too):")[
                1
            ].strip(),
            "months": [clean(m) for m in data["months"]],
            "groups": [{"name": g["name"], **clean(g)} for g in data["groups"]],
            "total": clean(data["total"]),
        },
        json_dumps_params={"ensure_ascii": False},
    )
