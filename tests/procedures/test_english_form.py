"""The online form under /en/ (issue 14, item 9): its own words in English, the staff's
Vietnamese content (procedure, question and document names) marked lang="vi"."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.procedures.factories import QuestionFactory, image_bytes, pdf_bytes
from tests.procedures.journey import applicant_data, upload

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
FORM_TEMPLATES = [
    "procedures/submission_base.html",
    "procedures/submission_applicant.html",
    "procedures/submission_questions.html",
    "procedures/submission_documents.html",
    "procedures/submission_consent.html",
    "procedures/submission_check.html",
    "procedures/submission_done.html",
    "procedures/includes/_error_summary.html",
    "procedures/includes/_document_field.html",
]
# Letters only Vietnamese uses among the page's languages.
VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _Texts(HTMLParser):
    """Visible text nodes (and aria-labels) with the language of their element."""

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def _lang(self):
        return next((lang for _tag, lang in reversed(self.stack) if lang), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("aria-label"):
            self.texts.append((attrs.get("lang") or self._lang(), attrs["aria-label"]))
        if tag not in VOID:
            self.stack.append((tag, attrs.get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if data.strip() and not any(t in ("script", "style") for t, _ in self.stack):
            self.texts.append((self._lang(), " ".join(data.split())))


def _form_part(html):
    """The breadcrumbs and the main region: what the form's pages draw."""
    crumbs = html.split('class="site-breadcrumbs', 1)[1].split("</nav>", 1)[0]
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return f"<nav {crumbs}</nav><main{main}</main>"


def _unmarked_vietnamese(html):
    parser = _Texts()
    parser.feed(_form_part(html))
    return [text for lang, text in parser.texts if lang != "vi" and VIETNAMESE.search(text)]


@pytest.fixture
def english_form(client, ward, procedure):
    QuestionFactory(procedure=procedure, key="so_ban", label="Số bản", kind="number")
    QuestionFactory(
        procedure=procedure,
        key="quan_he",
        label="Quan hệ với trẻ",
        kind="choice",
        choices="Cha\nMẹ\nNgười giám hộ",
        help_text="Chọn đúng quan hệ ghi trong giấy tờ.",
    )
    with translation.override("en"):
        start = reverse("procedures:submit_start", args=[procedure.slug])

        def url(step):
            return reverse("procedures:submit_step", args=[procedure.slug, step])

    assert start.startswith("/en/")
    client.get(start)
    return procedure, url


def _page(client, url, data=None, status=200):
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="en">' in html
    return html


def test_every_step_of_the_english_form_is_english_or_marked_vietnamese(client, english_form):
    procedure, url = english_form
    pages = {}
    pages["applicant"] = _page(client, url("nguoi-nop"))
    pages["applicant, refused"] = _page(client, url("nguoi-nop"), {})
    assert client.post(url("nguoi-nop"), applicant_data()).status_code == 302
    pages["questions"] = _page(client, url("cau-hoi"))
    pages["questions, refused"] = _page(client, url("cau-hoi"), {"so_ban": "x"})
    answers = {"ten_tre": "Bình", "ngay_sinh_tre": "01/02/2025", "so_ban": "2", "quan_he": "Mẹ"}
    assert client.post(url("cau-hoi"), answers).status_code == 302
    pages["documents"] = _page(client, url("giay-to"))
    docs = list(procedure.documents.filter(is_mandatory=True))
    # Refused: nothing uploaded, then two files for one document.
    pages["documents, refused"] = _page(client, url("giay-to"), {})
    two = [upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())]
    pages["documents, two files"] = _page(client, url("giay-to"), {f"doc_{docs[0].pk}": two})
    files = {
        f"doc_{docs[0].pk}": upload("to-khai.pdf", pdf_bytes()),
        f"doc_{docs[1].pk}": upload("chung-sinh.png", image_bytes()),
    }
    assert client.post(url("giay-to"), files).status_code == 302
    pages["consent"] = _page(client, url("dong-y"))
    pages["consent, refused"] = _page(client, url("dong-y"), {})
    assert client.post(url("dong-y"), {"consent": "on"}).status_code == 302
    pages["check"] = _page(client, url("kiem-tra"))
    token = re.search(r'name="submission_token" value="([^"]+)"', pages["check"]).group(1)
    sent = client.post(url("kiem-tra"), {"submission_token": token})
    assert sent.status_code == 302
    pages["sent"] = _page(client, sent["Location"])

    for name, html in pages.items():
        assert _unmarked_vietnamese(html) == [], name
        if name == "sent":
            continue  # no step line: the confirmation names the procedure in its text
        # The procedure's name is the staff's Vietnamese, marked so in the step line and
        # the breadcrumbs.
        assert f'<span lang="vi" data-procedure-name>{procedure.name}</span>' in html, name
        assert f'lang="vi">{procedure.name}</a></li>' in html, name
    sent = pages["sent"]
    assert "<h1>Dossier sent</h1>" in sent
    assert f'Your dossier “<span lang="vi">{procedure.name}</span>” was recorded at' in sent

    assert "<h1>About the applicant</h1>" in pages["applicant"]
    assert "<h1>About your request</h1>" in pages["questions"]
    assert "<h1>Documents</h1>" in pages["documents"]
    assert "<h1>Consent to personal data processing</h1>" in pages["consent"]
    assert "<h1>Check before sending</h1>" in pages["check"]
    assert re.search(r">\s*Continue\s*</button>", pages["applicant"])
    assert re.search(r">\s*Upload and continue\s*</button>", pages["documents"])
    assert re.search(r">\s*Agree and send the application\s*</button>", pages["check"])
    applicant = pages["applicant, refused"]
    for text in [
        "Full name (family, middle and given names)",
        "Mobile phone number",
        "Province or city",
        "Enter your full name.",
        "There is a problem",
        "Female",
    ]:
        assert text in applicant
    # Place names stay Vietnamese in a list marked so; its prompts are English.
    assert re.search(r'<select name="province"[^>]*lang="vi"', applicant)
    assert '<option value="" selected lang="en">— Choose a province or city —</option>' in (
        applicant
    )
    # The staff's questions, choices, hints and documents carry lang="vi", in the messages too.
    questions = pages["questions, refused"]
    assert '<span lang="vi">Tên của trẻ</span>' in questions
    assert '<span lang="vi">Người giám hộ</span>' in questions
    assert '<span lang="vi">Chọn đúng quan hệ ghi trong giấy tờ.</span>' in questions
    assert 'Answer the question: <span lang="vi">Tên của trẻ</span>' in questions
    assert '<span lang="vi">Văn bản ủy quyền</span> (if any)' in pages["documents"]
    # The documents step's messages name the staff's document marked Vietnamese.
    first = f'<span lang="vi">{docs[0].name}</span>'
    assert f"Upload the file: {first}." in pages["documents, refused"]
    assert f"{first}: upload one file only." in pages["documents, two files"]
    assert '<dt lang="vi">Quan hệ với trẻ</dt><dd lang="vi">Mẹ</dd>' in pages["check"]
    assert "<dd>Male</dd>" in pages["check"]


def test_the_vietnamese_form_marks_nothing_twice_and_each_language_has_its_titles(
    client, ward, procedure
):
    """On the Vietnamese form the page's own lang covers everything: no extra spans. The
    step titles follow each request's language, whichever imported the module first."""
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    step = reverse("procedures:submit_step", args=[procedure.slug, "nguoi-nop"])
    assert client.post(step, applicant_data()).status_code == 302
    html = client.get(reverse("procedures:submit_step", args=[procedure.slug, "cau-hoi"])).text
    assert "<h1>Thông tin về việc đề nghị</h1>" in html
    assert "Tên của trẻ" in html and '<span lang="vi">Tên của trẻ</span>' not in html
    assert "<h1>About the applicant</h1>" in client.get("/en" + step).text
    assert "<h1>Thông tin người nộp</h1>" in client.get(step).text


def _template_msgids():
    ids = set()
    for path in (TEMPLATES / name for name in FORM_TEMPLATES):
        text = path.read_text()
        ids.update(re.findall(r'{% translate "([^"]+)"', text))
        ids.update(re.findall(r'_\("([^"]+)"\)', text))
        for body in re.findall(
            r"{% blocktranslate trimmed[^%]*%}(.*?){% (?:plural|endblocktranslate) %}", text, re.S
        ):
            ids.add(re.sub(r"{{ (\w+) }}", r"%(\1)s", " ".join(body.split())))
    return ids


def test_every_string_of_the_form_templates_has_an_english_translation():
    with open(EN_PO, "rb") as f:
        catalogue = read_po(f)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalogue
        if m.id and (m.string if isinstance(m.string, str) else all(m.string)) and not m.fuzzy
    }
    msgids = _template_msgids()
    assert len(msgids) > 40  # the extraction itself works
    assert sorted(msgids - translated) == []


def test_a_documents_hint_from_staff_is_marked_vietnamese_on_the_english_form(client, english_form):
    """Staff's note on a document (“Kèm bản sao CCCD”) is Vietnamese on the English form
    too: its hint marks it lang="vi", before and after a file is kept."""
    procedure, url = english_form
    optional = procedure.documents.get(is_mandatory=False)
    optional.help_text = "Kèm bản sao CCCD"
    optional.save()
    assert client.post(url("nguoi-nop"), applicant_data()).status_code == 302
    answers = {"ten_tre": "Bình", "ngay_sinh_tre": "01/02/2025", "so_ban": "2", "quan_he": "Mẹ"}
    assert client.post(url("cau-hoi"), answers).status_code == 302
    marked = 'Original · PDF, JPEG, PNG · <span lang="vi">Kèm bản sao CCCD</span>'
    hint = f'<div id="id_doc_{optional.pk}_helptext" class="form-text">{marked}'
    assert hint in _page(client, url("giay-to"))
    kept = _page(client, url("giay-to"), {f"doc_{optional.pk}": upload("uq.pdf", pdf_bytes())})
    assert hint + "<br>" in kept
