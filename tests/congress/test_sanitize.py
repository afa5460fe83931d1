"""A hostile body stays harmless: cleaned on save and again on render."""

import pytest

from congress.models import Article
from congress.sanitize import clean_html, html_to_text
from tests.congress.factories import ArticleFactory

HOSTILE = """
<p onclick="alert(1)" style="color:red" class="x">Xin chào <strong>An Phong</strong></p>
<script>alert('xss')</script>
<img src=x onerror="alert(2)">
<a href="javascript:alert(3)">liên kết xấu</a>
<a href="https://anphong.example/" target="_blank">liên kết tốt</a>
<iframe src="https://evil.example/"></iframe>
<svg><script>alert(4)</script><circle r="5"/></svg>
<math><mi>x</mi></math>
<style>body{display:none}</style>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==">data</a>
<form action="/"><input name="q"></form>
<table><tr><td colspan="2" onmouseover="x()">ô</td></tr></table>
"""


@pytest.mark.parametrize(
    "needle",
    ["<script", "onclick", "onerror", "onmouseover", "javascript:", "<iframe", "<svg",
     "<math", "<style", "style=", "data:text", "<form", "<input", "<img", "class="],
)  # fmt: skip
def test_clean_html_removes(needle):
    assert needle not in clean_html(HOSTILE).lower()


def test_clean_html_keeps_structure():
    cleaned = clean_html(HOSTILE)
    assert "<strong>An Phong</strong>" in cleaned
    assert 'href="https://anphong.example/"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned
    assert '<td colspan="2">ô</td>' in cleaned


@pytest.mark.django_db
def test_body_is_cleaned_on_save():
    article = ArticleFactory(body=HOSTILE)
    article.refresh_from_db()
    assert article.body == clean_html(HOSTILE)
    assert "<script" not in article.body and "onclick" not in article.body


@pytest.mark.django_db
def test_body_written_straight_to_the_database_is_cleaned_on_render(client, ward):
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(body=HOSTILE)  # bypasses save()
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('class="article__body">')[1].split("</div>")[0]
    for needle in ["<script", "onerror", "javascript:", "<iframe", "<svg"]:
        assert needle not in body
    assert "<strong>An Phong</strong>" in body


def test_empty_editor_paragraph_is_empty():
    assert clean_html("<p></p>") == ""


def test_html_to_text_unescapes_entities():
    assert html_to_text("<p>Kinh t&#7871; &amp; x&atilde; h&#7897;i</p>") == "Kinh tế & xã hội"
