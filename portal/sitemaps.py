"""Sitemap section for the procedure catalogue (start pages only; forms are not indexed)."""

from django.contrib.sitemaps import Sitemap

from .models import Procedure


class ProcedureSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Procedure.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at
