"""Sitemap sections: articles, categories, documents (public rows only), the term's targets."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from congress.models import Article, Category, Document, Target


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7
    limit = 5000

    def items(self):
        return (
            Article.objects.published().only("slug", "updated_at").order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # For the sitemap index: one MAX, not lastmod() over every row (Django's default).
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Category.objects.all()


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Document.objects.public().only("slug", "updated_at").order_by("-issued_on", "-id")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return Document.objects.public().aggregate(latest=Max("updated_at"))["latest"]


class TargetSitemap(Sitemap):
    """One page per target of the term, with its history of values."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Target.objects.only("code").order_by("pk")
