"""RSS feed of the latest published articles (same publication rule as the pages).

An RSS ``<description>`` is HTML: readers unescape the XML and render what they get. The
sapo is plain text, so it is HTML-escaped here before the feed writer escapes it again for
XML: "<script>" reaches readers as those characters, never as an element. Titles and
categories are text in RSS and stay as they are.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from congress.models import Article


class LatestArticlesFeed(Feed):
    title = _("Tin tức phường An Phong")
    link = reverse_lazy("congress:article_list")
    description = _("Tin mới nhất trên Cổng thông tin điện tử phường An Phong, Hải Phòng.")
    language = "vi"

    def items(self):
        return Article.objects.published().for_list().order_by("-published_at", "-id")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.category.name]
