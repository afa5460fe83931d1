"""The targets' admin: editors add values; nobody changes or deletes one, superusers included."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from congress.models import Target, TargetValue
from staff import roles
from tests.congress.factories import TargetValueFactory
from tests.staff.factories import UserFactory
from tests.staff.fixtures import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_staff(roles.EDITOR, username="bientap")
    client.force_login(user)
    return user


@pytest.fixture
def superuser(client):
    user = UserFactory(staff=True, is_superuser=True)
    client.force_login(user)
    return user


PAGES = [
    "admin:congress_target_changelist",
    "admin:congress_targetvalue_changelist",
    "admin:congress_targetvalue_add",
]


@pytest.mark.parametrize("name", PAGES)
def test_permission_matrix(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
    client.force_login(make_staff(roles.RECEPTION, username="tiepnhan"))
    assert client.get(reverse(name)).status_code == 403
    client.force_login(make_staff(roles.EDITOR, username="bientap"))
    assert client.get(reverse(name)).status_code == 200


def test_editor_adds_a_value_with_its_date_and_source(client, editor, clock):
    target = Target.objects.get(code="bao-hiem-y-te")
    response = client.post(
        reverse("admin:congress_targetvalue_add"),
        {
            "target": target.pk,
            "value": "96,1",
            "measured_on": (dt.date.today() - dt.timedelta(days=3)).strftime("%d/%m/%Y"),
            "source": "Báo cáo của Bảo hiểm xã hội (kiểm thử)",
            "note": "",
        },
    )
    assert response.status_code == 302, re.findall(r"errorlist.*", response.content.decode())
    row = TargetValue.objects.get()
    assert (row.value, row.entered_by, row.is_demo) == (Decimal("96.1"), editor, False)


def test_the_add_form_keeps_what_was_typed_and_says_what_is_wrong(client, editor):
    target = Target.objects.get(code="bao-hiem-y-te")
    response = client.post(
        reverse("admin:congress_targetvalue_add"),
        {"target": target.pk, "value": "120", "measured_on": "01/01/2026", "source": "Báo cáo"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Tỷ lệ phần trăm không vượt quá 100." in html
    assert 'value="120"' in html
    assert not TargetValue.objects.exists()


def test_the_measured_target_is_not_offered(client, editor):
    html = client.get(reverse("admin:congress_targetvalue_add")).content.decode()
    options = re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', html)
    assert len(options) == 10
    assert "Hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình" not in options


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_a_value_can_be_neither_changed_nor_deleted(client, request, who):
    request.getfixturevalue(who)
    value = TargetValueFactory()
    change = reverse("admin:congress_targetvalue_change", args=[value.pk])
    page = client.get(change)
    # Read-only view: no form field to edit, no save or delete button.
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="value"' not in html and 'name="_save"' not in html
    assert client.post(change, {"value": "1", "source": "x"}).status_code == 403
    delete = reverse("admin:congress_targetvalue_delete", args=[value.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    listing = client.get(reverse("admin:congress_targetvalue_changelist")).content.decode()
    assert "delete_selected" not in listing
    response = client.post(
        reverse("admin:congress_targetvalue_changelist"),
        {"action": "delete_selected", "_selected_action": [value.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert TargetValue.objects.get(pk=value.pk).value == value.value
    # The targets themselves are decisions of the Congress: not deleted either.
    target_delete = reverse("admin:congress_target_delete", args=[value.target_id])
    assert client.get(target_delete).status_code == 403


def test_the_correction_action_counts_corrected_values(client, editor):
    wrong = TargetValueFactory(value=Decimal("59.1"))
    TargetValueFactory(value=Decimal("95.1"), corrects=wrong, note="Nhập nhầm.")
    response = client.post(
        reverse("admin:congress_targetvalue_changelist"),
        {"action": "count_corrected", "_selected_action": [wrong.pk]},
        follow=True,
    )
    assert "1 trong 1 số liệu đã chọn đã được đính chính." in response.content.decode()


def test_target_page_shows_its_history_read_only(client, editor):
    value = TargetValueFactory()
    html = client.get(
        reverse("admin:congress_target_change", args=[value.target_id])
    ).content.decode()
    assert "Báo cáo của Bảo hiểm xã hội (kiểm thử)" in html
    assert "values-0-value" not in html  # the history is shown, not editable
