"""The resident's tracking journey under /en/: look-up, the result page in each state that
offers an action, the messages after one, and the receipt. The site's own words are
English; what staff wrote (procedure and document names, notes) and the receipt form
itself (form 01, an official Vietnamese document) are marked lang="vi"."""

import pytest
from django.urls import reverse
from django.utils import translation

from procedures.constants import DossierStatus
from tests.procedures.factories import DossierFactory, awaiting_supplement
from tests.procedures.test_english_form import VIETNAMESE, _Texts

pytestmark = pytest.mark.django_db

PHONE = "0912345678"


def _en(name):
    with translation.override("en"):
        url = reverse(f"procedures:{name}")
    assert url.startswith("/en/")
    return url


def _unmarked_vietnamese(html):
    """Vietnamese text anywhere in the page's body outside a lang="vi" element."""
    parser = _Texts()
    parser.feed(html.split("<body", 1)[1])
    return [text for lang, text in parser.texts if lang != "vi" and VIETNAMESE.search(text)]


def _page(response, status=200):
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


def _look_up(client, dossier):
    response = client.post(_en("tracking"), {"code": dossier.code, "phone": PHONE})
    assert (response.status_code, response["Location"]) == (302, _en("tracking_result"))


@pytest.fixture
def supplement_requested(ward):
    dossier, _requested = awaiting_supplement("Giấy chứng sinh")
    return dossier


def test_the_tracking_journey_under_en_is_english_or_marked_vietnamese(
    client, ward, supplement_requested
):
    pages = {}
    pages["look-up"] = _page(client.get(_en("tracking")))
    pages["look-up, refused"] = _page(client.post(_en("tracking"), {}), status=200)
    not_found = client.post(_en("tracking"), {"code": "H26.APH-250101-9999", "phone": PHONE})
    pages["look-up, not found"] = _page(not_found)

    _look_up(client, supplement_requested)
    pages["supplement requested"] = _page(client.get(_en("tracking_result")))
    refused = client.post(_en("tracking_supplement"), {})
    pages["supplement, refused"] = _page(refused, status=400)
    pages["receipt"] = _page(client.get(_en("tracking_receipt")))

    withdrawable = DossierFactory(status_path=[DossierStatus.ACCEPTED])
    _look_up(client, withdrawable)
    pages["withdrawable"] = _page(client.get(_en("tracking_result")))
    pages["withdrawal, refused"] = _page(
        client.post(_en("tracking_withdraw"), {"reason": "", "confirm": ""}), status=400
    )
    sent = client.post(_en("tracking_withdraw"), {"reason": "Nộp nhầm", "confirm": "on"})
    pages["withdrawal sent"] = _page(client.get(sent["Location"]))

    finished = DossierFactory(status_path=[2, 4, 9, 10])
    _look_up(client, finished)
    pages["finished"] = _page(client.get(_en("tracking_result")))
    pages["rating, refused"] = _page(client.post(_en("tracking_rate"), {}), status=400)
    rated = client.post(_en("tracking_rate"), {"satisfied": "1"})
    pages["rated"] = _page(client.get(rated["Location"]))

    unmarked = {name: _unmarked_vietnamese(html) for name, html in pages.items()}
    assert {name: texts for name, texts in unmarked.items() if texts} == {}

    result = pages["supplement requested"]
    assert "<h1>Dossier H26.APH" in result
    assert f'lang="vi">{supplement_requested.procedure.name}</p>' in result
    assert '<span lang="vi">Giấy chứng sinh</span>' in result
    assert "Thiếu giấy chứng sinh bản rõ nét." in result
    assert "Supplement requested" in result
    assert "Withdraw the dossier" in pages["withdrawable"]
    assert "Rate how your dossier was handled" in pages["finished"]
    # The receipt: English around it, the form itself in Vietnamese, said so in English.
    receipt = pages["receipt"]
    assert '<article class="receipt" lang="vi">' in receipt
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in receipt
    assert "official Vietnamese form" in receipt
    assert "Download the receipt (PDF)" in receipt


def test_the_vietnamese_tracking_pages_mark_nothing(client, ward, supplement_requested):
    """On the Vietnamese pages the page's own lang covers everything: no extra marks,
    and the receipt's note about the English version is not shown."""
    response = client.post(
        reverse("procedures:tracking"), {"code": supplement_requested.code, "phone": PHONE}
    )
    assert response.status_code == 302
    for name in ("tracking_result", "tracking_receipt"):
        html = client.get(reverse(f"procedures:{name}")).content.decode()
        assert '<html lang="vi">' in html
        body = html.split("<body", 1)[1]
        # The language switch names each language in its own language, on every page.
        switch = body.split('<nav class="site-lang', 1)[1].split("</nav>", 1)[0]
        assert 'lang="vi"' not in body.replace(switch, ""), name
        assert "biểu mẫu chính thức (mẫu số 01)" not in html
