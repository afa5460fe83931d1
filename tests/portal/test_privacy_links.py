"""Every public form that takes personal data links the privacy notice
(templates/includes/_privacy_link.html, marked data-privacy-link).

FORM_PAGES renders each such page as a resident reaches it. A new public form must join
it: add a case here (and scan its app's templates below). Forms without personal data
are left out on purpose: the site search box, the language switch (links, not a form),
the filter forms of lists (news documents, procedures, feedback, statistics: GET, no
personal data), the log-out button, staff and admin pages, and the development payment
gateway (never mounted with a real gateway).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from feedback.models import Topic
from tests.accounts.conftest import make_resident
from tests.feedback.conftest import submit as submit_feedback
from tests.procedures.factories import (
    DossierFactory,
    ProcedureFactory,
    QuestionFactory,
    RequiredDocumentFactory,
    image_bytes,
    pdf_bytes,
)
from tests.procedures.journey import applicant_data, fill_until_check, step_url, upload

pytestmark = pytest.mark.django_db

PHONE = "0912345678"
PRIVACY_LINK = re.compile(r'<p class="form-privacy[^"]*" data-privacy-link>(.*?)</p>', re.S)


def _feedback_check(client, fb_topic, online):
    data = {
        "topic": fb_topic.pk,
        "title": "Đèn đường hỏng",
        "content": "Đèn trước ngõ 3 không sáng.",
        "address": "",
        "name": "Lê Thị Cúc",
        "phone": PHONE,
        "email": "",
        "agree_privacy": "on",
        "website": "",
    }
    response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def _feedback_result(client, fb_topic, online):
    _item, token = submit_feedback(fb_topic)
    return client.get(reverse("feedback:tracking_token", args=[token]), follow=True)


def _look_up_dossier(client):
    dossier = DossierFactory()
    response = client.post(reverse("procedures:tracking"), {"code": dossier.code, "phone": PHONE})
    assert response.status_code == 302
    return dossier


def _dossier_result(client, fb_topic, online):
    _look_up_dossier(client)
    return client.get(reverse("procedures:tracking_result"))


def _delivery_form(client, fb_topic, online):
    _look_up_dossier(client)
    # The form page is what a refused choice answers (the choice itself sits on the
    # tracking page, covered above).
    return client.post(reverse("results:choose_channel"), {"channel": ""})


STEPS = ["nguoi-nop", "cau-hoi", "giay-to", "dong-y"]


def _submission_step(step):
    def open_step(client, fb_topic, online):
        if step == "kiem-tra":
            return fill_until_check(client, online)
        client.get(reverse("procedures:submit_start", args=[online.slug]))
        before = STEPS[: STEPS.index(step)]
        if before:
            data = {
                "nguoi-nop": applicant_data(),
                "cau-hoi": {"ten_tre": "Nguyễn Văn Bình", "ngay_sinh_tre": "01/02/2025"},
                "giay-to": _documents(online),
            }
            for done in before:
                response = client.post(step_url(online, done), data[done])
                assert response.status_code == 302, response.content.decode()[:2000]
        return client.get(step_url(online, step))

    return open_step


def _documents(online):
    first, second = online.documents.filter(is_mandatory=True).order_by("pk")
    return {
        f"doc_{first.pk}": upload("to-khai.pdf", pdf_bytes()),
        f"doc_{second.pk}": upload("chung-sinh.png", image_bytes()),
    }


def _draft_save(client, fb_topic, online):
    _submission_step("cau-hoi")(client, fb_topic, online)
    return client.get(reverse("procedures:draft_save", args=[online.slug]) + "?buoc=cau-hoi")


def _prove_phone(client, fb_topic, online):
    client.force_login(make_resident().user)
    return client.get(reverse("accounts:prove_phone"))


def _book_appointment(client, fb_topic, online):
    return client.get(reverse("appointments:book", args=[online.slug]))


def _get(name):
    return lambda client, fb_topic, online: client.get(reverse(name))


@pytest.fixture
def fb_topic(db):
    return Topic.objects.get(slug="trat-tu-do-thi")


@pytest.fixture
def online(db, settings):
    """An online procedure as tests/procedures/conftest.py's, with resident log-in on."""
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.OIDC_CLIENT_ID = "anphong"
    settings.OIDC_CLIENT_SECRET = "bi-mat"
    p = ProcedureFactory(name="Đăng ký khai sinh thử nghiệm", processing_days=None)
    RequiredDocumentFactory(procedure=p, name="Tờ khai", accepted_types="pdf,jpeg,png")
    RequiredDocumentFactory(procedure=p, name="Giấy chứng sinh", accepted_types="pdf,jpeg,png")
    QuestionFactory(procedure=p, key="ten_tre", label="Tên của trẻ", kind="text")
    QuestionFactory(procedure=p, key="ngay_sinh_tre", label="Ngày sinh của trẻ", kind="date")
    return p


FORM_PAGES = {
    "feedback:submit": _get("feedback:submit"),
    "feedback:check": _feedback_check,
    "feedback:tracking": _get("feedback:tracking"),
    "feedback:tracking_result": _feedback_result,
    "procedures:submit_step nguoi-nop": _submission_step("nguoi-nop"),
    "procedures:submit_step cau-hoi": _submission_step("cau-hoi"),
    "procedures:submit_step giay-to": _submission_step("giay-to"),
    "procedures:submit_step dong-y": _submission_step("dong-y"),
    "procedures:submit_step kiem-tra": _submission_step("kiem-tra"),
    "procedures:draft_save": _draft_save,
    "procedures:tracking": _get("procedures:tracking"),
    "procedures:tracking_result": _dossier_result,
    "results:choose_channel": _delivery_form,
    "accounts:prove_phone": _prove_phone,
    "appointments:book": _book_appointment,
}


@pytest.mark.parametrize("case", FORM_PAGES)
def test_every_public_form_links_the_privacy_notice(client, ward, fb_topic, online, case):
    response = FORM_PAGES[case](client, fb_topic, online)
    assert response.status_code in (200, 400), case
    html = response.content.decode()
    assert "<form" in html, f"{case}: no form on the page"
    links = PRIVACY_LINK.findall(html)
    assert len(links) == 1, f"{case}: {len(links)} privacy links"
    hrefs = re.findall(r'href="([^"]+)"', links[0])
    notices = {
        reverse("portal:privacy"),
        reverse("procedures:privacy_notice"),
        reverse("feedback:privacy_notice"),
    }
    assert set(hrefs) & notices, f"{case}: the link points nowhere known: {hrefs}"
    assert reverse("portal:privacy") in hrefs


def test_each_form_links_the_notice_its_data_falls_under(client, ward, fb_topic, online):
    feedback = FORM_PAGES["feedback:submit"](client, fb_topic, online).content.decode()
    assert reverse("feedback:privacy_notice") in PRIVACY_LINK.search(feedback).group(1)
    tracking = FORM_PAGES["procedures:tracking"](client, fb_topic, online).content.decode()
    assert reverse("procedures:privacy_notice") in PRIVACY_LINK.search(tracking).group(1)


# The apps whose public templates are scanned: a POST form there must carry the include
# (or its page template must, for a partial). Add an app here when it gets public forms.
SCANNED = [
    "accounts",
    "feedback",
    "procedures",
    "results",
    "portal",
    "appointments",
    "addresses",
    "disclosure",
    "reception",
]
# Partials and pages whose forms are covered by the page that includes them, or that take
# no personal data: {template: why}.
EXEMPT = {
    "accounts/_header.html": "the log-out button",
    "results/admin_panel.html": "a staff page of the admin",
    "results/_tracking_result.html": "part of procedures/tracking_result.html",
    "procedures/submission_applicant.html": "a step of procedures/submission_base.html",
    "procedures/submission_questions.html": "a step of procedures/submission_base.html",
    "procedures/submission_documents.html": "a step of procedures/submission_base.html",
    "procedures/submission_consent.html": "a step of procedures/submission_base.html",
    "procedures/submission_check.html": "a step of procedures/submission_base.html",
    "procedures/draft_save.html": "a step of procedures/submission_base.html",
    "appointments/manage.html": "cancel or move a booking: a slot and a button, nothing typed",
}


def test_every_post_form_template_of_the_scanned_apps_carries_the_link():
    root = Path(settings.BASE_DIR) / "templates"
    missing = []
    for app in SCANNED:
        for path in (root / app).rglob("*.html"):
            name = path.relative_to(root).as_posix()
            text = path.read_text(encoding="utf-8")
            if not re.search(r'<form[^>]*method="post"', text) or name in EXEMPT:
                continue
            if "includes/_privacy_link.html" not in text:
                missing.append(name)
    assert not missing, f"POST forms without the privacy link: {missing}"
