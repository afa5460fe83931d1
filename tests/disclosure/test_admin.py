"""Admin permission matrix (anonymous → log-in, no permission → 403, editor → 200) and
the publish / withdraw actions."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from disclosure.constants import DisclosureStatus
from disclosure.models import DisclosureEntry
from staff import roles
from tests.disclosure.factories import DisclosureEntryFactory

pytestmark = pytest.mark.django_db

URLS = [
    ("admin:disclosure_disclosureentry_changelist", ()),
    ("admin:disclosure_disclosureentry_add", ()),
]


def staff_in(django_user_model, role=None, name="canbo"):
    user = django_user_model.objects.create_user(name, password="x", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.mark.parametrize(("name", "args"), URLS)
def test_anonymous_is_sent_to_log_in(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


@pytest.mark.parametrize(("name", "args"), URLS)
@pytest.mark.parametrize("role", [None, roles.RECEPTION, roles.OFFICER])
def test_staff_without_the_permission_get_403(client, django_user_model, name, args, role):
    client.force_login(staff_in(django_user_model, role))
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), URLS)
def test_editor_may_keep_disclosures(client, django_user_model, name, args):
    client.force_login(staff_in(django_user_model, roles.EDITOR))
    assert client.get(reverse(name, args=args)).status_code == 200


def test_editor_can_open_and_publish_entries(client, django_user_model):
    entry = DisclosureEntryFactory(draft=True)
    client.force_login(staff_in(django_user_model, roles.EDITOR))
    change = reverse("admin:disclosure_disclosureentry_change", args=[entry.pk])
    assert client.get(change).status_code == 200
    response = client.post(
        reverse("admin:disclosure_disclosureentry_changelist"),
        {"action": "publish", "_selected_action": [entry.pk]},
        follow=True,
    )
    assert "Đã công khai 1 mục." in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == DisclosureStatus.PUBLISHED


def test_admin_add_fills_the_posting_end(client, django_user_model):
    client.force_login(staff_in(django_user_model, roles.EDITOR))
    response = client.post(
        reverse("admin:disclosure_disclosureentry_add"),
        {
            "category": "du-toan-ngan-sach",
            "title": "Dự toán ngân sách năm 2027",
            "summary": "",
            "period_year": "2027",
            "period_part": "0",
            "posted_on": "05/01/2027",
            "posted_until": "",
            "status": "published",
            "files-TOTAL_FORMS": "0",
            "files-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = DisclosureEntry.objects.get()
    assert str(entry.posted_until) == "2027-02-04"


def test_admin_refuses_a_file_that_is_not_a_pdf_and_keeps_the_input(client, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff_in(django_user_model, roles.EDITOR))
    response = client.post(
        reverse("admin:disclosure_disclosureentry_add"),
        {
            "category": "du-an-dau-tu",
            "title": "Dự án đường nội phường",
            "summary": "",
            "period_part": "0",
            "posted_on": "05/01/2027",
            "status": "draft",
            "files-TOTAL_FORMS": "1",
            "files-INITIAL_FORMS": "0",
            "files-0-title": "Bản vẽ",
            "files-0-order": "0",
            "files-0-file": SimpleUploadedFile("ban-ve.pdf", b"MZ\x90\x00", "application/pdf"),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp phải là PDF, XLSX hoặc DOCX." in html
    assert "Dự án đường nội phường" in html
    assert not DisclosureEntry.objects.exists()
