"""The public catalogue of procedures: list with filters and search, and the start page."""

from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from portal.db import BakedQuery, attach_related
from portal.pagecache import cached_value
from portal.text import fold
from procedures.constants import ServiceLevel
from procedures.models import Procedure, ProcedureField, ProcedureFormTemplate, RequiredDocument


class CachedCountPaginator(Paginator):
    """The count of a filter combination, kept with the page-cache version (any edit of
    a procedure refreshes it): a page then costs one query for its rows."""

    def __init__(self, *args, count_key=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        return cached_value(("procedure-count", *self.count_key), self.object_list.count)


class ProcedureListView(ListView):
    template_name = "procedures/procedure_list.html"
    context_object_name = "procedures"
    paginate_by = 20
    paginator_class = CachedCountPaginator

    def get_paginator(self, queryset, per_page, **kwargs):
        key = (fold(self.query), self.field_slug, self.level)
        return super().get_paginator(queryset, per_page, count_key=key, **kwargs)

    def get_queryset(self):
        qs = Procedure.objects.published().select_related("field")
        self.query = (self.request.GET.get("q") or "").strip()[:100]
        self.field_slug = self.request.GET.get("linh-vuc", "")
        self.level = self.request.GET.get("muc-do", "")
        if self.query:
            qs = qs.search(self.query)
        if self.field_slug:
            qs = qs.filter(field__slug=self.field_slug)
        if self.level in ServiceLevel.values:
            qs = qs.filter(service_level=self.level)
        return qs.only(
            "name",
            "slug",
            "code",
            "summary",
            "service_level",
            "processing_days",
            "processing_note",
            "fee_amount",
            "online_open",
            "is_verified",
            "field__name",
            "field__slug",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            fields=procedure_fields(),
            levels=ServiceLevel.choices,
            query=self.query,
            field_slug=self.field_slug,
            level=self.level,
            query_string=params.urlencode(),
            is_filtered=bool(self.query or self.field_slug or self.level),
        )
        return context


# The three reads of a start page, compiled once (portal.db.BakedQuery): building their
# SQL cost Python more than PostgreSQL took to answer them.
_public_procedure = BakedQuery(
    Procedure,
    lambda slug: (
        Procedure.objects.published()
        .filter(slug=slug)
        .annotate(field_name=F("field__name"), field_slug=F("field__slug"))
        .order_by()
    ),
    slug="slug",
)
_documents = BakedQuery(
    RequiredDocument,
    lambda procedure: RequiredDocument.objects.filter(procedure_id=procedure).order_by(
        "order", "pk"
    ),
    procedure="procedure",
)
_form_templates = BakedQuery(
    ProcedureFormTemplate,
    lambda procedure: ProcedureFormTemplate.objects.filter(procedure_id=procedure).order_by(
        "order", "pk"
    ),
    procedure="procedure",
)


def procedure_fields():
    """Every field (lĩnh vực), kept with the page-cache version."""
    return cached_value(("procedure-fields",), lambda: list(ProcedureField.objects.all()))


class ProcedureDetailView(DetailView):
    """The GOV.UK-style start page: everything to know before starting (3 queries)."""

    template_name = "procedures/procedure_detail.html"
    context_object_name = "procedure"

    def get_object(self, queryset=None):
        found = _public_procedure(slug=self.kwargs["slug"])
        if not found:
            raise Http404("No such procedure")
        procedure = found[0]
        attach_related(procedure, "field", name="field_name", slug="field_slug")
        return procedure

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = _documents(procedure=self.object.pk)
        context["form_templates"] = _form_templates(procedure=self.object.pk)
        return context
