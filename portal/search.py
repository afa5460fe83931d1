"""Search provider for administrative procedures (issue 5 joins the site search).

`Procedure.search_text` is `fold(name code summary)`, filled on save — the column the
catalogue's own search (`ProcedureQuerySet.search`) reads as one folded phrase. The site
search asks for every word typed, each at the start of a word of that column (start of
the column or after a space), like the other providers; a code typed whole ("1.001193")
matches the code exactly. Only published procedures are found (`published()`, the one
rule of the catalogue, its pages and sitemap). On PostgreSQL the trigram GIN index of
migration 0010 serves these LIKE patterns.
"""

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from anphong import search
from anphong.db import BinarySort
from anphong.text import fold

from .models import Procedure


def _word_start(term):
    return Q(search_text__startswith=term) | Q(search_text__contains=" " + term)


class ProcedureSearch(search.Provider):
    kind = "procedure"
    label = _("Thủ tục hành chính")

    def search(self, query, limit):
        typed = " ".join(query.terms)
        every_word = Q()
        for term in query.terms:
            every_word &= _word_start(term)
        code = Q(code__iexact=query.text)
        score = Case(
            When(code, then=Value(100)),
            # search_text begins with the folded name: the name starts with what was typed.
            When(search_text__startswith=typed, then=Value(100)),
            When(search_text__contains=" " + typed, then=Value(75)),
            default=Value(55),
            output_field=IntegerField(),
        )
        rows = (
            Procedure.objects.published()
            .filter(every_word | code)
            .annotate(score=score)
            .only("name", "slug", "summary")
            .order_by("-score", BinarySort("sort_key").asc(), "pk")[:limit]
        )
        hits = []
        for procedure in rows:
            score = procedure.score
            # The column cannot tell the name from the summary; the loaded name can.
            if score < 100 and " " + typed in " " + fold(procedure.name):
                score = 100
            hits.append(
                search.Hit(
                    title=procedure.name,
                    url=procedure.get_absolute_url(),
                    text=procedure.summary,
                    terms=query.terms,
                    kind=self.kind,
                    score=score,
                )
            )
        hits.sort(key=lambda hit: hit.score, reverse=True)  # stable: catalogue order kept
        return hits


def register():
    search.register(ProcedureSearch)
