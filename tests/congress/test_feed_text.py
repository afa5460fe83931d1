"""The RSS feed carries plain-text fields as text (issue 14.13).

An RSS ``<description>`` holds HTML: readers unescape the XML and render the result. The
sapo is plain text, so a sapo with ``<script>`` must reach readers as those characters,
never as an element: its HTML is the sapo escaped, and the HTML's text is the sapo itself.
"""

from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from tests.congress.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SAPO = 'Đại hội <script>alert("x")</script> & <b>đậm</b> &amp; <img src=x onerror=alert(1)> 5 < 6'


class HTMLText(HTMLParser):
    """What a feed reader renders from an HTML fragment: its elements and its text."""

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.elements, self.parts = [], []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)

    def handle_endtag(self, tag):
        self.elements.append(f"/{tag}")

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self):
        return "".join(self.parts)


def feed_items(client):
    response = client.get(reverse("congress:article_feed"))
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - the site's own feed
    return feed.findall("./channel/item")


def test_the_sapo_reaches_the_description_as_text(client, ward):
    ArticleFactory(title="Tin có ký tự đặc biệt", summary=SAPO)
    (item,) = feed_items(client)
    description = item.find("description")
    assert len(description) == 0  # no XML element inside
    rendered = HTMLText(description.text)
    assert rendered.elements == []  # nor an HTML element once a reader unescapes it
    assert rendered.text == SAPO


def test_an_ordinary_sapo_is_unchanged(client, ward):
    ArticleFactory(summary="Tóm tắt bài viết về phường An Phong.")
    (item,) = feed_items(client)
    assert item.find("description").text == "Tóm tắt bài viết về phường An Phong."
