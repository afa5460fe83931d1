"""Sitemap of the fixed pages; apps add their own sections in anphong/urls.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticViewSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6
    i18n = False

    def items(self):
        return [
            "portal:home",
            "portal:about",
            "portal:contact",
            "portal:links",
            "portal:accessibility",
            "portal:privacy",
            "feedback:list",
            "addresses:lookup",
            "reception:schedule",
        ]

    def location(self, item):
        return reverse(item)
