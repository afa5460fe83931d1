"""The Congress page (/dai-hoi/): the latest Party Congress of the ward."""

from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from congress import progress
from congress.constants import CongressItemKind
from congress.models import Congress
from personnel.views import in_chart_order, key_leaders

# Congress news and documents come from another part of the app; link them only once
# their pages exist (the navigation follows the same rule).
RELATED_PAGES = [
    ("congress:article_list", "news_url"),
    ("congress:document_list", "documents_url"),
]


def _reverse_or_none(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


class CongressView(TemplateView):
    template_name = "congress/congress_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        congress = Congress.objects.select_related("term").first()
        if congress is None:
            raise Http404
        items = {kind: [] for kind in CongressItemKind.values}
        for item in congress.items.all():
            items[item.kind].append(item)
        term = congress.term
        context.update(
            congress=congress,
            orientation=items[CongressItemKind.ORIENTATION],
            breakthroughs=items[CongressItemKind.BREAKTHROUGH],
            directives=items[CongressItemKind.DIRECTIVE],
            results=items[CongressItemKind.RESULT],
            guests=list(congress.guests.all()),
            # The targets of the term, each with its latest value, status and chart.
            targets=progress.term_progress(term.name),
            organs=in_chart_order(congress.appointed_organs.all()),
            # Key positions come from the appointment data of the term, not from copies.
            leaders=key_leaders(term=term),
        )
        for name, var in RELATED_PAGES:
            context[var] = _reverse_or_none(name)
        return context
