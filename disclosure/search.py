"""Site-search provider for disclosure entries (portal/search/registry.py explains the registry).

The entry's folded `search_text` holds its title, category, period, summary and the titles
of its files, so a file is found through its entry. A ward discloses tens of entries a
year: each process reads the published ones once while public content is unchanged
(`pagecache.per_process`, keyed by the ward's date as well, since an entry whose posting
day comes is public without any save) and matches them in Python, so a search costs no
query once they are read.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from disclosure.models import DisclosureEntry
from portal import pagecache
from portal.search import registry as search
from portal.text import fold


def _published():
    return list(
        DisclosureEntry.objects.published()
        .only("category", "title", "slug", "summary", "posted_on", "search_text")
        .order_by("-posted_on", "-id")
    )


class DisclosureSearch(search.Provider):
    kind = "disclosure"
    label = _("Công khai")

    def search(self, query, limit):
        typed = " ".join(query.terms)
        found = []
        entries = pagecache.per_process("search:disclosure", _published, timezone.localdate())
        for entry in entries:
            if not search.starts_words(entry.search_text, query.terms):
                continue
            title = fold(entry.title)
            if search.starts_words(title, [typed]):
                score = 90
            elif search.starts_words(title, query.terms):
                score = 75
            else:
                score = 50
            found.append((score, entry))
        return [
            search.Hit(
                title=entry.title,
                url=entry.get_absolute_url(),
                kind=self.kind,
                score=score,
                date=entry.posted_on,
                text=entry.summary or entry.get_category_display(),
                terms=query.terms,
            )
            for score, entry in search.best_first(found, limit)
        ]


def register():
    search.register(DisclosureSearch)
