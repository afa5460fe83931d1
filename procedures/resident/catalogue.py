"""The public catalogue of procedures: list with filters and search, and the start page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from portal.pagecache import cached_value
from portal.pagination import CachedCountPaginator
from portal.text import fold
from procedures.constants import ServiceLevel
from procedures.models import Procedure, ProcedureField


class ProcedureListView(ListView):
    template_name = "procedures/procedure_list.html"
    context_object_name = "procedures"
    paginate_by = 20
    paginator_class = CachedCountPaginator

    def get_paginator(self, queryset, per_page, **kwargs):
        key = (fold(self.query), self.field_slug, self.level)
        return super().get_paginator(
            queryset, per_page, count_key=("procedure-count", *key), **kwargs
        )

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
            "updated_at",
            "field__name",
            "field__slug",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            # Read only when the cached filter is drawn again.
            fields=SimpleLazyObject(procedure_fields),
            levels=ServiceLevel.choices,
            query=self.query,
            field_slug=self.field_slug,
            level=self.level,
            query_string=params.urlencode(),
            is_filtered=bool(self.query or self.field_slug or self.level),
            # The filter's list of fields, like the menu, under the page-cache version.
            page_seconds=max(settings.PAGE_CACHE_SECONDS, 60),
        )
        return context


def procedure_fields():
    """Every field (lĩnh vực), kept with the page-cache version."""
    return cached_value(("procedure-fields",), lambda: list(ProcedureField.objects.all()))


class ProcedureDetailView(DetailView):
    """The GOV.UK-style start page: everything to know before starting.

    The page's content is kept in the cache as drawn, under the procedure's last change
    (which a saved or deleted document or blank form updates) and its field's name: a
    page-cache miss with nothing changed costs the procedure's one query; drawing it
    afresh reads its documents and form templates too (3 queries), in their order.
    """

    template_name = "procedures/procedure_detail.html"
    context_object_name = "procedure"

    def get_queryset(self):
        return Procedure.objects.published().select_related("field")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Read only when the cached content is drawn again.
        in_order = ("order", "pk")
        documents, templates = self.object.documents, self.object.form_templates
        context.update(
            documents=SimpleLazyObject(lambda: list(documents.order_by(*in_order))),
            form_templates=SimpleLazyObject(lambda: list(templates.order_by(*in_order))),
        )
        return context
