"""Sitemap sections of the organisation pages, in Vietnamese and English.

(A module of its own, not congress/sitemaps.py, so the news sections can live there.)
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from congress.models import Congress
from personnel.models import Organ, Person


class OrganisationPagesSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    i18n = True
    alternates = True

    def items(self):
        names = ["personnel:organisation", "personnel:leadership", "personnel:directory"]
        if Congress.objects.exists():
            names.append("congress:congress")
        return names

    def location(self, item):
        return reverse(item)


class OrganSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    i18n = True
    alternates = True

    def items(self):
        return Organ.objects.active()


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    i18n = True
    alternates = True

    def items(self):
        # Only people holding or having held a post have a page worth indexing.
        return Person.objects.filter(appointments__isnull=False).distinct()
