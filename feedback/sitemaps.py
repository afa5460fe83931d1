"""Sitemap section for the answered reports (the public list and each public answer)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from feedback.models import Feedback


class FeedbackSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Feedback.objects.published().only("code", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        # For the sitemap index: one MAX, not lastmod() over every row (Django's default).
        return Feedback.objects.published().aggregate(latest=Max("updated_at"))["latest"]
