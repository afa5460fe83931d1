"""Search providers for people and organs, found by name, diacritics ignored.

`Person.search_name` and `Organ.search_name` hold the folded name ("le khac nguyen anh"),
filled on save. Every word typed must start a word of the name. Hits carry public data
only: a person's posts (never their phone or e-mail, published or not), an organ's
functions.

A ward has a few dozen organs and a few hundred people over its terms: each process
reads the public ones once while public content is unchanged (`pagecache.per_process`,
and for people the day too: a post becomes public on its start date) and matches the
names in Python, so a search asks the database nothing for them.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from personnel.models import Appointment, Organ, Person
from portal import pagecache
from portal.db import BinarySort
from portal.search import registry as search


def name_score(folded_name, query, *, exact, phrase, words):
    """Whole name typed > the words in order > every word somewhere in the name; None
    when a word typed starts no word of the name."""
    if not search.starts_words(folded_name, query.terms):
        return None
    typed = " ".join(query.terms)
    if folded_name == typed:
        return exact
    return phrase if search.starts_words(folded_name, [typed]) else words


def started_appointments(today):
    """Posts already begun on `today` (current or past): a future post is not public yet."""
    return Appointment.objects.filter(start_date__lte=today, term__start_date__lte=today)


def _people_with_posts(today):
    """Everyone with a post begun by `today`, in name order, with those posts."""
    posts = started_appointments(today)
    return list(
        Person.objects.filter(Exists(posts.filter(person=OuterRef("pk"))))
        .only("full_name", "slug", "search_name")
        .order_by(BinarySort("name_sort_key").asc(), "pk")
        .prefetch_related(
            Prefetch(
                "appointments",
                queryset=posts.select_related("organ", "term").order_by(
                    "rank", "organ__order", "-start_date", "pk"
                ),
                to_attr="public_posts",
            )
        )
    )


def _active_organs():
    return list(
        Organ.objects.active()
        .only("name", "name_en", "slug", "functions", "functions_en", "search_name")
        .order_by("order", BinarySort("name_sort_key").asc(), "pk")
    )


class PersonSearch(search.Provider):
    kind = "person"
    label = _("Cán bộ")

    def search(self, query, limit):
        today = timezone.localdate()
        people = pagecache.per_process("search:people", lambda: _people_with_posts(today), today)
        found = []
        for person in people:
            score = name_score(person.search_name, query, exact=100, phrase=95, words=85)
            if score is not None:
                found.append((score, person))
        return [
            search.Hit(
                title=person.full_name,
                url=person.get_absolute_url(),
                text=self._posts_text(person.public_posts, today),
                terms=query.terms,
                kind=self.kind,
                score=score,
            )
            for score, person in search.best_first(found, limit)
        ]

    @staticmethod
    def _posts_text(posts, today):
        current = [a for a in posts if a.is_current(today)]
        if current:
            return "; ".join(f"{a.title_i18n}, {a.organ.name_i18n}" for a in current)
        latest = max(posts, key=lambda a: (a.start_date, -a.rank))
        return gettext("Nguyên %(title)s, %(organ)s (nhiệm kỳ %(term)s)") % {
            "title": latest.title_i18n,
            "organ": latest.organ.name_i18n,
            "term": latest.term.name,
        }


class OrganSearch(search.Provider):
    kind = "organ"
    label = _("Cơ quan, tổ chức")

    def search(self, query, limit):
        found = []
        for organ in pagecache.per_process("search:organs", _active_organs):
            score = name_score(organ.search_name, query, exact=100, phrase=90, words=75)
            if score is not None:
                found.append((score, organ))
        return [
            search.Hit(
                title=organ.name_i18n,
                url=organ.get_absolute_url(),
                text=" ".join(organ.functions_paragraphs()[:1]),
                terms=query.terms,
                kind=self.kind,
                score=score,
            )
            for score, organ in search.best_first(found, limit)
        ]


def register():
    search.register(PersonSearch)
    search.register(OrganSearch)
