"""Search providers for people and organs, found by name (issue 4), diacritics ignored.

`Person.search_name` and `Organ.search_name` hold the folded name ("le khac nguyen anh"),
filled on save. Every word typed must start a word of the name: at the start of the
column or after a space, two LIKE patterns that the trigram GIN indexes of migration
0004 serve on PostgreSQL. Hits carry public data only: a person's posts (never their
phone or e-mail, published or not), an organ's functions.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anphong import search
from anphong.db import BinarySort

from .models import Appointment, Organ, Person


def name_matches(field, query):
    """Every folded word of `query` starts a word of the folded `field`."""
    condition = Q()
    for term in query.terms:
        condition &= Q(**{f"{field}__startswith": term}) | Q(**{f"{field}__contains": " " + term})
    return condition


def name_score(field, query, *, exact, phrase, words):
    """Whole name typed > the words in order > every word somewhere in the name."""
    typed = " ".join(query.terms)
    return Case(
        When(**{field: typed}, then=Value(exact)),
        When(
            Q(**{f"{field}__startswith": typed}) | Q(**{f"{field}__contains": " " + typed}),
            then=Value(phrase),
        ),
        default=Value(words),
        output_field=IntegerField(),
    )


def started_appointments(today):
    """Posts already begun on `today` (current or past): a future post is not public yet."""
    return Appointment.objects.filter(start_date__lte=today, term__start_date__lte=today)


class PersonSearch(search.Provider):
    kind = "person"
    label = _("Cán bộ")

    def search(self, query, limit):
        today = timezone.localdate()
        posts = started_appointments(today)
        rows = (
            Person.objects.filter(Exists(posts.filter(person=OuterRef("pk"))))
            .filter(name_matches("search_name", query))
            .annotate(score=name_score("search_name", query, exact=100, phrase=95, words=85))
            .only("full_name", "slug")
            .order_by("-score", BinarySort("name_sort_key").asc(), "pk")
            # The posts of the people shown (one more query, only when someone matched).
            .prefetch_related(
                Prefetch(
                    "appointments",
                    queryset=posts.select_related("organ", "term").order_by(
                        "rank", "organ__order", "-start_date", "pk"
                    ),
                    to_attr="public_posts",
                )
            )[:limit]
        )
        return [
            search.Hit(
                title=person.full_name,
                url=person.get_absolute_url(),
                text=self._posts_text(person.public_posts, today),
                terms=query.terms,
                kind=self.kind,
                score=person.score,
            )
            for person in rows
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
        rows = (
            Organ.objects.active()
            .filter(name_matches("search_name", query))
            .annotate(score=name_score("search_name", query, exact=100, phrase=90, words=75))
            .only("name", "name_en", "slug", "functions", "functions_en")
            .order_by("-score", "order", BinarySort("name_sort_key").asc(), "pk")[:limit]
        )
        return [
            search.Hit(
                title=organ.name_i18n,
                url=organ.get_absolute_url(),
                text=" ".join(organ.functions_paragraphs()[:1]),
                terms=query.terms,
                kind=self.kind,
                score=organ.score,
            )
            for organ in rows
        ]


def register():
    search.register(PersonSearch)
    search.register(OrganSearch)
