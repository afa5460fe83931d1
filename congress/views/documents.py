"""The public documents register: list with filters, detail, download."""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from congress.forms import DocumentFilterForm
from congress.models import Article, Document
from portal.pagecache import cache_public_page
from portal.pagination import CachedCountPaginator

DOCUMENTS_PER_PAGE = 20
DOCUMENT_ROW_FIELDS = (
    "slug",
    "number",
    "doc_type",
    "issued_on",
    "summary",
    "is_illustrative",
    "updated_at",
    "issuing_body__name",
)


@cache_public_page
def document_list(request):
    form = DocumentFilterForm(request.GET or None)
    # Only what a row shows (and its cache key): the rows come from the cache mostly.
    documents = Document.objects.public().select_related("issuing_body").only(*DOCUMENT_ROW_FIELDS)
    filters = {}
    if form.is_bound and form.is_valid():
        documents, filters = form.apply(documents)
    paginator = CachedCountPaginator(
        documents.order_by("-issued_on", "-id"),
        DOCUMENTS_PER_PAGE,
        count_key=("document-count", sorted(filters.items())),
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page") from None
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "congress/document_list.html",
        {
            "form": form,
            "page_obj": page,
            "documents": page.object_list,
            "query_string": query.urlencode(),
            "is_filtered": bool(filters),
        },
    )


@cache_public_page
def document_detail(request, slug):
    document = get_object_or_404(
        Document.objects.public().select_related("issuing_body"), slug=slug
    )
    related = list(
        Article.objects.published()
        .filter(pk__in=document.related_articles.values("pk"))
        .for_list()
        .order_by("-published_at", "-id")[:10]
    )
    return render(
        request,
        "congress/document_detail.html",
        {"document": document, "related_articles": related},
    )


def document_download(request, slug):
    document = get_object_or_404(Document.objects.public(), slug=slug)
    if not document.file:
        raise Http404("No file")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("File missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_SECONDS}"
    return response
