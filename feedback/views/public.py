"""The public side: answered reports, one report, its published photos, the RSS feed."""

from decimal import Decimal

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from feedback import services, statistics
from feedback.constants import FeedbackStatus
from feedback.forms import PublicFilterForm
from feedback.models import Feedback, FeedbackPhoto
from portal.pagecache import cache_public_page
from portal.pagination import KeysetPaginator, parse_page_number
from procedures.csv_export import csv_response
from procedures.storage import private_storage

PER_PAGE = 20
ROW_FIELDS = (
    "public_title",
    "published_at",
    "submitted_at",
    "updated_at",
    "topic__name",
)


def _for_list(items):
    return items.select_related("topic").only(*ROW_FIELDS)


@cache_public_page
def feedback_list(request):
    form = PublicFilterForm(request.GET or None)
    items = Feedback.objects.published()
    filters = {}
    if form.is_bound and form.is_valid():
        items, filters = form.apply(items)
    # Newest answers first, read by keyset from cached anchors: page 2 000 costs page 1.
    paginator = KeysetPaginator(
        items,
        PER_PAGE,
        anchor_key=("feedback", *sorted(filters.items())),
        field="published_at",
        prepare=_for_list,
    )
    try:
        page = paginator.page(parse_page_number(request.GET.get("page")))
    except InvalidPage:
        raise Http404("No such page") from None
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "feedback/feedback_list.html",
        {
            "form": form,
            "page_obj": page,
            "items": page.object_list,
            "query_string": query.urlencode(),
            "is_filtered": bool(filters),
        },
    )


@cache_public_page
def feedback_detail(request, pk):
    item = get_object_or_404(Feedback.objects.published().select_related("topic"), pk=pk)
    return render(
        request,
        "feedback/feedback_detail.html",
        {
            "item": item,
            "photos": item.photos.filter(is_public=True),
            "reopened": item.status == FeedbackStatus.REOPENED,
        },
    )


def feedback_photo(request, pk, photo_pk):
    """A photo an editor made public, of a published report; anything else is a 404."""
    photo = get_object_or_404(
        FeedbackPhoto.objects.filter(is_public=True, feedback__in=Feedback.objects.published()),
        pk=photo_pk,
        feedback_id=pk,
    )
    try:
        handle = private_storage.open(photo.file.name, "rb")
    except FileNotFoundError:
        raise Http404("Missing file") from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _statistics_rows(rows):
    return [[row.get(key) for key, _label in statistics.CSV_FIELDS] for row in rows]


@require_GET
def statistics_csv(request):
    data = statistics.cached()
    response = csv_response(
        "thong-ke-phan-anh.csv",
        [label for _key, label in statistics.CSV_FIELDS],
        _statistics_rows(data["months"]),
    )
    response["Cache-Control"] = "public, max-age=600"  # public figures, no personal data
    return response


@require_GET
def statistics_json(request):
    data = statistics.cached()

    def clean(row):
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}

    return JsonResponse(
        {
            "generated_at": data["generated_at"].isoformat(),
            "definitions": statistics.__doc__.split("Definitions (shown on the page too):")[1]
            .split("Reports are counted")[0]
            .strip(),
            "months": [clean(m) for m in data["months"]],
            "topics": [clean(t) for t in data["topics"]],
            "total": clean(data["total"]),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@cache_public_page
def privacy_notice(request):
    return render(
        request,
        "feedback/privacy_notice.html",
        {
            "version": services.PRIVACY_NOTICE_VERSION,
            "retention_days": settings.FEEDBACK_RETENTION_DAYS,
        },
    )
