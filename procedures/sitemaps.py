"""Sitemap section for the procedure catalogue (start pages only; forms are not indexed)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from procedures.models import Procedure


class ProcedureSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Procedure.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        # For the sitemap index: one MAX, not lastmod() over every row (Django's default).
        return Procedure.objects.published().aggregate(latest=Max("updated_at"))["latest"]
