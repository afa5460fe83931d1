"""Sitemap sections for articles, categories and documents (public rows only)."""

from django.contrib.sitemaps import Sitemap

from .models import Article, Category, Document


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
