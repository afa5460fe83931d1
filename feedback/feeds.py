"""RSS feed of the latest answered reports: the edited text and the answer, never a name."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from feedback.models import Feedback


class AnsweredFeedbackFeed(Feed):
    title = _("Trả lời phản ánh, kiến nghị – phường An Phong")
    link = reverse_lazy("feedback:list")
    description = _("Phản ánh, kiến nghị của người dân và trả lời của phường An Phong, Hải Phòng.")
    language = "vi"

    def items(self):
        return (
            Feedback.objects.published()
            .select_related("topic")
            .order_by("-published_at", "-id")[:30]
        )

    def item_title(self, item):
        return item.public_title

    def item_description(self, item):
        # Plain text, escaped once here: readers render the description as HTML.
        return linebreaks(escape(item.public_content)) + linebreaks(escape(item.answer))

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.topic.name]
