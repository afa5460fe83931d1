"""Fuzz every public URL and form with malformed input: no answer may be a 5xx (issue 15).

Every named URL of the portal, congress, personnel and procedures URLconfs is reversed with
sample arguments (a new URL without a sample fails `test_every_public_url_has_a_sample`), in
both languages, and requested with malformed query strings (NUL, invalid UTF-8, a 100 000
character value, a repeated key, odd keys) and malformed POST bodies (wrong content types,
odd charsets, broken multipart, invalid UTF-8, NUL). The forms that need a session (the
submission steps, supplement, withdrawal, rating) are posted to with that session open.
One test per language and kind builds the fixtures once: under 30 s on SQLite.
"""

import secrets

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import translation

from congress import urls as congress_urls
from personnel import urls as personnel_urls
from portal import urls as portal_urls
from procedures import urls as procedures_urls
from procedures.models.dossiers import hash_tracking_token
from procedures.resident.submission import STEPS
from tests.congress.factories import ArticleFactory, CategoryFactory, DocumentFactory
from tests.personnel.factories import OrganFactory, PersonFactory
from tests.procedures.factories import DossierFactory, ProcedureFactory, QuestionFactory

pytestmark = pytest.mark.django_db

URLCONFS = [portal_urls, congress_urls, personnel_urls, procedures_urls]
TOKEN = secrets.token_urlsafe(32)
HUGE = "a" * 100_000

# Names of the query parameters the pages read, each given every malformed value below.
PARAMETERS = ["q", "page", "trang", "p", "linh-vuc", "thu-tuc", "nhiem-ky", "muc-do", "doi"]


def _query_strings():
    """Each malformation on every parameter at once: the pages read them all."""

    def each(value):
        return "&".join(f"{name}={value}" for name in PARAMETERS)

    yield each("ab%00cd")  # refused by the input guard: a quick 400
    yield each("%FF%FE%C0%AF")  # invalid UTF-8
    yield each("%E2%80%8B%F0%9F%98%80%0D%0A")  # zero-width space, emoji, CR LF
    yield each("-99999999999999999999999999")  # numbers out of any range
    yield "&".join(f"{name}=a&{name}=b&{name}=" for name in PARAMETERS)  # arrays
    yield f"q={HUGE}&page=1{'0' * 5000}&linh-vuc={HUGE[:5000]}"  # huge values
    yield "%FF%FE=1&q[]=1&q[a]=2&__proto__=3&&&=&a=b=c&" + "k" * 5000 + "=1"  # odd keys


QUERY_STRINGS = list(_query_strings())


def _post_bodies():
    """(body, content type): what a broken client or an attacker may send to a form."""
    form = "application/x-www-form-urlencoded"
    fields = "code=H26&phone=0912345678&ho-ten=A&applicant_name=A"
    yield f"{fields}&x=%00".encode(), form
    yield f"{fields}&x=%FF%FE".encode(), form
    yield b"code=\xff\xfe&phone=\xc0\xaf", form
    yield f"code={HUGE}&phone={HUGE}".encode(), form
    yield b"code=a&code=b&phone=1&phone=2", form
    yield b"%00=1&%FF=2&q[]=3", form
    yield fields.encode(), f"{form}; charset=utf-16"
    yield fields.encode("utf-16"), f"{form}; charset=utf-16"
    yield fields.encode(), f"{form}; charset=nonexistent"
    yield b'{"code": "H26", "phone": "0912345678"}', "application/json"
    yield fields.encode(), "text/plain"
    yield fields.encode(), "multipart/form-data"  # no boundary
    yield fields.encode(), "multipart/form-data; boundary=zzz"  # no part
    yield (
        b'--zzz\r\nContent-Disposition: form-data; name="code"\r\n\r\nH\x0026\r\n--zzz--\r\n',
        "multipart/form-data; boundary=zzz",
    )
    yield (
        b'--zzz\r\nContent-Disposition: form-data; name="tep"; filename="a\x00.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4 \xff\xfe\r\n--zzz--\r\n",
        "multipart/form-data; boundary=zzz",
    )
    yield b"\xff\xfe\x00\x00garbage", "application/octet-stream"
    yield b"", form


POST_BODIES = list(_post_bodies())


@pytest.fixture
def samples(ward, settings):
    """One of everything a public URL names, and the URL arguments that point at it."""
    settings.PORTAL_RATE_TRACKING = "100000/600"
    settings.PORTAL_RATE_SUBMIT = "100000/600"
    procedure = ProcedureFactory()
    QuestionFactory(procedure=procedure, key="cau_hoi", label="Câu hỏi", kind="text")
    dossier = DossierFactory(procedure=procedure, tracking_token_hash=hash_tracking_token(TOKEN))
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    document = DocumentFactory()
    organ = OrganFactory()
    person = PersonFactory()
    return {
        "procedure_detail": {"slug": procedure.slug},
        "submit_start": {"slug": procedure.slug},
        "submit_done": {"slug": procedure.slug, "token": dossier.submission_token},
        "submit_step": [{"slug": procedure.slug, "step": step} for step in STEPS],
        "tracking_token": {"token": TOKEN},
        "draft_save": {"slug": procedure.slug},
        "draft_saved": {"slug": procedure.slug},
        "draft_resume": {"token": TOKEN},
        "category": {"slug": category.slug},
        "article_detail": {"slug": article.slug},
        "document_detail": {"slug": document.slug},
        "document_download": {"slug": document.slug},
        "target_detail": {"slug": "ho-ngheo"},  # a target of the data migration
        "organ_detail": {"slug": organ.slug},
        "person_detail": {"slug": person.slug},
    }


def _patterns():
    for urlconf in URLCONFS:
        for pattern in urlconf.urlpatterns:
            assert isinstance(pattern, URLPattern), pattern
            yield urlconf.app_name, pattern


def _urls(samples, language):
    with translation.override(language):
        for namespace, pattern in _patterns():
            if not pattern.pattern.converters:
                yield reverse(f"{namespace}:{pattern.name}")
                continue
            kwargs = samples[pattern.name]
            for one in kwargs if isinstance(kwargs, list) else [kwargs]:
                yield reverse(f"{namespace}:{pattern.name}", kwargs=one)


def _tracking_client(language):
    """A client whose session holds the dossier, as after opening the secret link."""
    client = Client(raise_request_exception=False)
    prefix = "/en" if language == "en" else ""
    assert client.get(f"{prefix}/tra-cuu/h/{TOKEN}/").status_code == 302
    return client


def _submission_client(samples, language):
    """A client that has started the online form (its session holds the submission)."""
    client = Client(raise_request_exception=False)
    with translation.override(language):
        client.get(reverse("procedures:submit_start", kwargs=samples["submit_start"]))
    return client


def _server_errors(client, requests):
    errors = []
    for method, url, kwargs in requests:
        if method == "post":  # raw bytes, whatever the content type says
            response = client.generic("POST", url, **kwargs)
        else:
            response = client.get(url)
        if response.status_code >= 500:
            shown = url if len(url) < 200 else url[:200] + "…"
            errors.append((response.status_code, method, shown, kwargs.get("content_type")))
    return errors


def test_every_public_url_has_a_sample(samples):
    missing = [p.name for _, p in _patterns() if p.pattern.converters and p.name not in samples]
    assert missing == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_malformed_query_strings_never_give_a_5xx(samples, language):
    urls = list(_urls(samples, language))
    requests = [("get", f"{url}?{query}", {}) for url in urls for query in QUERY_STRINGS]
    errors = _server_errors(_tracking_client(language), requests)
    errors += _server_errors(
        _submission_client(samples, language),
        [
            ("get", f"{url}?{query}", {})
            for url in urls
            if "nop-ho-so" in url
            for query in QUERY_STRINGS
        ],
    )
    assert errors == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_malformed_form_posts_never_give_a_5xx(samples, language):
    forms, pages = [], []
    for url in _urls(samples, language):
        (forms if "/tra-cuu/" in url or "/nop-ho-so/" in url else pages).append(url)
    # The pages that take no form answer 405; a few bodies show the guard reads them safely.
    requests = [
        ("post", url, {"data": body, "content_type": content_type})
        for urls, bodies in [(forms, POST_BODIES), (pages, POST_BODIES[1:3] + POST_BODIES[7:9])]
        for url in urls
        for body, content_type in bodies
    ]
    # With a session: the tracking actions see a dossier, the steps a submission under way.
    errors = _server_errors(_tracking_client(language), requests)
    errors += _server_errors(
        _submission_client(samples, language), [r for r in requests if "/nop-ho-so/" in r[1]]
    )
    assert errors == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_malformed_paths_never_give_a_5xx(samples, language):
    prefix = "/en" if language == "en" else ""
    tails = ["%00", "%FF%FE", "%C4%91", "%F0%9F%98%80", "%E2%80%8B", "..%2F..%2Fetc", "a" * 3000]
    requests = [
        ("get", f"{prefix}/{stem}{tail}/", {})
        for stem in [
            "",
            "thu-tuc/",
            "tra-cuu/h/",
            "tin-tuc/",
            "tin-tuc/chuyen-muc/",
            "van-ban/",
            "to-chuc/",
            "nhan-su/",
            f"thu-tuc/{samples['submit_start']['slug']}/nop-ho-so/",
        ]
        for tail in tails
    ]
    assert _server_errors(_tracking_client(language), requests) == []
