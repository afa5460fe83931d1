"""Search provider for administrative procedures (part of the site search).

`Procedure.search_text` is `fold(name code summary)`, filled on save — the column the
catalogue's own search (`ProcedureQuerySet.search`) reads as one folded phrase. The site
search asks for every word typed, each at the start of a word of that column (start of
the column or after a space), like the other providers; a code typed whole ("1.001193")
matches the code exactly. Only published procedures are found (`published()`, the one
rule of the catalogue, its pages and sitemap).

A ward's catalogue is a few hundred procedures: each process reads the published ones
once while public content is unchanged (`pagecache.per_process`; an edit of a
procedure bumps the version) and matches them in Python. A search then costs no query,
where one LIKE query with its ranking cost more in Django than in the database.
"""

from django.utils.translation import gettext_lazy as _

from portal import pagecache
from portal.db import BinarySort
from portal.search import registry as search
from portal.text import fold
from procedures.models import Procedure


def _published():
    """The published procedures in catalogue order, with what a hit shows."""
    return list(
        Procedure.objects.published()
        .only("code", "name", "slug", "summary", "search_text")
        .order_by(BinarySort("sort_key").asc(), "pk")
    )


class ProcedureSearch(search.Provider):
    kind = "procedure"
    label = _("Thủ tục hành chính")

    def search(self, query, limit):
        typed = " ".join(query.terms)
        code = query.text.casefold()
        found = []
        for procedure in pagecache.per_process("search:procedures", _published):
            if procedure.code.casefold() == code:
                score = 100
            elif not search.starts_words(procedure.search_text, query.terms):
                continue
            # search_text begins with the folded name: the name starts with what was
            # typed; it cannot tell the name from the summary, the name itself can.
            elif procedure.search_text.startswith(typed) or search.starts_words(
                fold(procedure.name), [typed]
            ):
                score = 100
            elif search.starts_words(procedure.search_text, [typed]):
                score = 75
            else:
                score = 55
            found.append((score, procedure))
        # At equal scores, the name the typed words make the most of ("khai sinh": "Đăng ký
        # khai sinh" before "Cấp bản sao …, bản sao Giấy khai sinh"), then catalogue order
        # (the order read; both sorts keep it).
        found.sort(key=lambda pair: len(typed) / max(len(pair[1].name), 1), reverse=True)
        return [
            search.Hit(
                title=procedure.name,
                url=procedure.get_absolute_url(),
                text=procedure.summary,
                terms=query.terms,
                kind=self.kind,
                score=score,
            )
            for score, procedure in search.best_first(found, limit)
        ]


def register():
    search.register(ProcedureSearch)
