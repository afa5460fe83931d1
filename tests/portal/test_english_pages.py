"""Every public page under /en/ speaks English: the site's own words are translated and
what is only in Vietnamese (content entered by editors and staff, names of places and
bodies without an English name) is marked lang="vi", so a screen reader and a reader both
know (WCAG 3.1.2). People's names count as Vietnamese too: an English voice reads
"Nguyễn Đức Tuấn" wrongly unless it is marked. The tracking journey has its own walk
(tests/procedures/test_english_tracking.py)."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.urls import reverse
from django.utils import translation

from congress.models import Article, Document
from demo import dossiers as demo_dossiers
from demo import feedback as demo_feedback
from feedback.models import Feedback
from personnel.models import Organ, Person
from procedures.models import Procedure
from tests.congress.factories import ArticleFactory, DocumentFactory
from tests.procedures.test_english_tracking import VIETNAMESE, _unmarked_vietnamese

pytestmark = pytest.mark.django_db

DOCUMENT_SYMBOL = re.compile(r"[\w.-]*/[\w./-]+")
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "demo"


@pytest.fixture
def demo_content(db):
    for name in ("010_ward", "050_organisation", "051_congress", "050_procedures"):
        call_command("loaddata", str(FIXTURES / f"{name}.json"), verbosity=0)
    ArticleFactory(title="Phường An Phong ra quân làm sạch môi trường")
    DocumentFactory(summary="Kế hoạch chuyển đổi số năm 2026")
    staff = io.StringIO()
    demo_dossiers._ensure_staff(OutputWrapper(staff))
    demo_feedback.load(OutputWrapper(staff))


def _english_pages():
    with translation.override("en"):
        pages = {
            name: reverse(name)
            for name in [
                "portal:home",
                "portal:about",
                "portal:contact",
                "congress:congress",
                "congress:article_list",
                "congress:document_list",
                "personnel:organisation",
                "personnel:leadership",
                "personnel:directory",
                "procedures:procedure_list",
                "procedures:statistics",
                "procedures:privacy_notice",
                "feedback:list",
                "feedback:submit",
                "feedback:tracking",
            ]
        }
        pages["portal:search"] = reverse("portal:search") + "?q=khai+sinh"
        pages["404"] = "/en/khong-co-trang-nay/"
        pages["article"] = Article.objects.first().get_absolute_url()
        pages["document"] = Document.objects.first().get_absolute_url()
        pages["organ"] = Organ.objects.first().get_absolute_url()
        pages["person"] = Person.objects.first().get_absolute_url()
        procedure = Procedure.objects.filter(online_open=True).first()
        pages["procedure"] = procedure.get_absolute_url()
        report = Feedback.objects.published().first()
        pages["feedback"] = report.get_absolute_url()
    return pages


def test_every_public_page_under_en_is_english_or_marked_vietnamese(client, demo_content):
    unmarked = {}
    for name, url in _english_pages().items():
        assert url.startswith("/en/"), name
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), name
        html = response.content.decode()
        assert '<html lang="en">' in html, name
        # A document's number and symbol ("125/QĐ-UBND") is the same in every language,
        # alone or in its title ("Decision No. 125/QĐ-UBND").
        texts = [
            t for t in _unmarked_vietnamese(html) if VIETNAMESE.search(DOCUMENT_SYMBOL.sub("", t))
        ]
        if texts:
            unmarked[name] = texts
    assert unmarked == {}
