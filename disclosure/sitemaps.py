"""Sitemap sections: the disclosure categories and the published entries."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from disclosure.constants import Category
from disclosure.models import DisclosureEntry


class DisclosureCategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["", *Category.values]

    def location(self, item):
        if not item:
            return reverse("disclosure:index")
        return reverse("disclosure:category", kwargs={"category": item})


class DisclosureEntrySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    limit = 5000

    def items(self):
        return (
            DisclosureEntry.objects.published()
            .only("category", "slug", "updated_at")
            .order_by("-posted_on", "-id")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return DisclosureEntry.objects.published().aggregate(latest=Max("updated_at"))["latest"]
