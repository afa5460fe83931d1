"""RSS feeds of published disclosures: all categories, and one per category.

As in congress.feeds, the summary is plain text, HTML-escaped before the feed writer
escapes it again for XML, so readers show "<b>" as those characters.
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from disclosure.constants import Category
from disclosure.models import DisclosureEntry

FEED_SIZE = 30
DEMO_MARK = _("dữ liệu minh họa")


class DisclosureFeed(Feed):
    title = _("Công khai thông tin – phường An Phong")
    description = _(
        "Nội dung phường An Phong công khai theo Luật Thực hiện dân chủ ở cơ sở: "
        "ngân sách, dự án đầu tư, đất đai, các khoản thu."
    )
    language = "vi"

    def link(self):
        return reverse("disclosure:index")

    def items(self):
        return DisclosureEntry.objects.published().order_by("-posted_on", "-id")[:FEED_SIZE]

    def item_title(self, item):
        # A reader shows no badge: the demo mark travels in the title.
        if item.is_demo:
            return f"{item.title} ({DEMO_MARK})"
        return item.title

    def item_description(self, item):
        return escape(item.summary or item.get_category_display())

    def item_pubdate(self, item):
        # The posting day, at the start of the ward's day: an entry entered late keeps the
        # day it was posted on.
        return timezone.make_aware(dt.datetime.combine(item.posted_on, dt.time.min))

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_category_display()]


class CategoryFeed(DisclosureFeed):
    def get_object(self, request, category):
        if category not in Category.values:
            raise Http404("No such category")
        return Category(category)

    def title(self, obj):
        return f"{obj.label} – {DisclosureFeed.title}"

    def link(self, obj):
        return reverse("disclosure:category", kwargs={"category": obj.value})

    def items(self, obj):
        return (
            DisclosureEntry.objects.published()
            .filter(category=obj.value)
            .order_by("-posted_on", "-id")[:FEED_SIZE]
        )
