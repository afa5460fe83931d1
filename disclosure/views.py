"""Public disclosure pages: the index, a page per category, an entry, a file download."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from disclosure import selectors
from disclosure.constants import RULES, Category
from disclosure.models import DisclosureEntry, DisclosureFile
from portal.pagecache import cache_public_page


def _category_or_404(value):
    if value not in Category.values:
        raise Http404("No such category")
    return Category(value)


def _can_preview(user):
    """Staff who may see entries in the admin may also see them on the site unpublished."""
    return (
        user.is_authenticated and user.is_staff and user.has_perm("disclosure.view_disclosureentry")
    )


@cache_public_page
def index(request):
    return render(
        request,
        "disclosure/index.html",
        {"summaries": selectors.overview(), "today": timezone.localdate()},
    )


@cache_public_page
def category(request, category):
    chosen = _category_or_404(category)
    today = timezone.localdate()
    rows, other = selectors.category_page(chosen, today)
    return render(
        request,
        "disclosure/category.html",
        {
            "category": chosen,
            "rule": RULES[chosen],
            "rows": rows,
            "other_entries": other,
            "missing_count": sum(1 for row in rows if row.missing),
            "is_periodic": selectors.is_periodic(chosen),
            "today": today,
        },
    )


@cache_public_page
def entry_detail(request, category, slug):
    chosen = _category_or_404(category)
    entries = DisclosureEntry.objects.all()
    if not _can_preview(request.user):
        entries = entries.published()
    entry = get_object_or_404(entries.prefetch_related("files"), category=chosen, slug=slug)
    return render(
        request,
        "disclosure/entry_detail.html",
        {"entry": entry, "category": chosen, "today": timezone.localdate()},
    )


def file_download(request, pk):
    files = DisclosureFile.objects.select_related("entry")
    attached = get_object_or_404(files, pk=pk)
    preview = not attached.entry.is_public
    if preview and not _can_preview(request.user):
        raise Http404("No such file")
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError:
        raise Http404("File missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attached.download_filename,
        content_type=attached.content_type,
    )
    cache = "private, no-cache" if preview else f"public, max-age={settings.PAGE_CACHE_SECONDS}"
    response["Cache-Control"] = cache
    return response
