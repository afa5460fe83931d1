"""Public pages of the organisation: chart, organ, person, leadership, directory."""

from django.http import Http404
from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from personnel.models import Appointment, Organ, Person, Term
from personnel.selectors import build_tree, flatten_tree, group_by_person
from portal.db import BinarySort


def key_leaders(term=None, on=None):
    """[(person, [key appointment, …]), …] for the current key posts, highest post first.

    With `term`, every key post of that term (the Congress page shows what it appointed).
    People are ordered by their highest post: rank, then the organ's place in the chart.
    """
    appointments = Appointment.objects.filter(is_key=True).select_related("person", "organ", "term")
    if term is not None:
        appointments = appointments.filter(term=term)
    else:
        appointments = appointments.current(on)
    appointments = appointments.order_by(
        "rank", "organ__order", BinarySort("organ__name_sort_key").asc(), "start_date", "pk"
    )
    groups = group_by_person(appointments)
    for _person, posts in groups:
        # Within one person, posts follow the chart (Party first): "Bí thư; Chủ tịch HĐND".
        posts.sort(key=lambda a: (a.organ.order, a.organ.name_sort_key, a.rank))
    return groups


def in_chart_order(organs):
    """`organs` sorted as they appear in the chart (depth-first), not by sibling order alone."""
    wanted = {organ.pk: organ for organ in organs}
    every = list(Organ.objects.all())
    return [wanted[o.pk] for o, _depth in flatten_tree(build_tree(every)) if o.pk in wanted]


class OrganisationChartView(TemplateView):
    """The chart as nested lists: readable aloud, printable, no image."""

    template_name = "personnel/organisation_chart.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roots"] = build_tree(list(Organ.objects.active()))
        context["term"] = Term.current_or_latest()
        return context


class OrganDetailView(DetailView):
    model = Organ
    template_name = "personnel/organ_detail.html"
    context_object_name = "organ"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organ = self.object
        organs = list(Organ.objects.all())
        by_pk = {o.pk: o for o in organs}
        ancestors, parent = [], by_pk.get(organ.parent_id)
        while parent is not None and parent not in ancestors:
            ancestors.insert(0, parent)
            parent = by_pk.get(parent.parent_id)
        context["ancestors"] = ancestors
        context["children"] = [o for o in organs if o.parent_id == organ.pk and o.is_active]

        # Terms in which this organ had members, newest first: the history on request.
        terms = list(Term.objects.filter(appointments__organ=organ).distinct())
        context["terms"] = terms
        members = organ.appointments.select_related("person", "term").in_chart_order()
        slug = self.request.GET.get("nhiem-ky")
        if slug:
            selected = next((t for t in terms if t.slug == slug), None)
            if selected is None:
                raise Http404
            context["selected_term"] = selected
            context["members"] = members.filter(term=selected)
        else:
            context["members"] = members.current()
            context["current_term"] = Term.current_or_latest()
        context["today"] = timezone.localdate()
        return context


class PersonDetailView(DetailView):
    model = Person
    template_name = "personnel/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        appointments = list(
            self.object.appointments.select_related("organ", "term").order_by(
                "-term__start_date", "rank", "organ__order", "-start_date"
            )
        )
        context["current_posts"] = [a for a in appointments if a.is_current(today)]
        context["past_posts"] = [a for a in appointments if not a.is_current(today)]
        return context


class LeadershipView(TemplateView):
    template_name = "personnel/leadership.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["term"] = Term.current_or_latest()
        context["leaders"] = key_leaders()
        return context


class DirectoryView(TemplateView):
    """Name, position, unit, phone, email (Decree 42/2022 Art. 4(1)(e)), unit by unit.

    Only people whose record says their contacts are published are listed.
    """

    template_name = "personnel/directory.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appointments = (
            Appointment.objects.current()
            .filter(person__publish_contacts=True)
            .select_related("person")
            .in_chart_order()
        )
        by_organ = {}
        for appointment in appointments:
            by_organ.setdefault(appointment.organ_id, []).append(appointment)
        sections = []
        for organ, depth in flatten_tree(build_tree(list(Organ.objects.active()))):
            rows = by_organ.get(organ.pk, [])
            if rows or organ.has_contacts:
                sections.append({"organ": organ, "depth": depth, "rows": rows})
        context["sections"] = sections
        context["term"] = Term.current_or_latest()
        context["has_demo"] = any(
            s["organ"].contacts_are_demo or any(r.person.contacts_are_demo for r in s["rows"])
            for s in sections
        )
        return context
