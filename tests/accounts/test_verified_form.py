"""A signed-in resident's dossier form: the provider's identity fills it and is recorded."""

import pytest
from django.urls import reverse

from procedures.models import Dossier
from staff import roles
from tests.procedures.journey import applicant_data, fill_until_check, step_url, submission_token
from tests.staff.fixtures import make_staff

pytestmark = pytest.mark.django_db


def test_applicant_step_shows_the_verified_fields_fixed(resident_client, procedure):
    resident_client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    r = resident_client.get(step_url(procedure, "nguoi-nop"))
    html = r.content.decode()
    assert "lấy từ định danh điện tử (VNeID)" in html
    for name, value in (
        ("full_name", "Nguyễn Văn An"),
        ("id_number", "031090001234"),
        ("birth_date", "17/05/1990"),
    ):
        field = html.split(f'name="{name}"')[1].split(">")[0]
        assert "disabled" in field
        assert f'value="{value}"' in field
    # Phone and e-mail come prefilled from the provider, still editable.
    phone = html.split('name="phone"')[1].split(">")[0]
    assert "disabled" not in phone
    assert "+84912345678" in phone or "0912" in phone


def test_posted_identity_cannot_override_the_verified_one(resident_client, resident, procedure):
    forged = applicant_data(
        full_name="Kẻ Mạo Danh", id_number="031085001111", birth_date="1/1/1985"
    )
    check = fill_until_check(resident_client, procedure, applicant=forged)
    html = check.content.decode()
    assert "Nguyễn Văn An" in html
    assert "Kẻ Mạo Danh" not in html
    assert "Xác thực bằng VNeID" in html
    r = resident_client.post(
        step_url(procedure, "kiem-tra"), {"submission_token": submission_token(check)}
    )
    assert r.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.applicant_name == "Nguyễn Văn An"
    assert dossier.id_number == "031090001234"
    assert str(dossier.birth_date) == "1990-05-17"
    assert dossier.resident == resident.user
    assert dossier.identity_provider == "VNeID"
    assert dossier.identity_verified_at == resident.verified_at


def test_anonymous_dossier_records_no_identity(client, procedure, oidc_on):
    check = fill_until_check(client, procedure)
    assert (
        "Đăng nhập bằng định danh điện tử"
        in client.get(step_url(procedure, "nguoi-nop")).content.decode()
    )
    client.post(step_url(procedure, "kiem-tra"), {"submission_token": submission_token(check)})
    dossier = Dossier.objects.get()
    assert dossier.resident is None
    assert dossier.identity_provider == ""
    assert dossier.identity_verified_at is None


def test_no_login_offer_without_a_provider(client, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    html = client.get(step_url(procedure, "nguoi-nop")).content.decode()
    assert "định danh điện tử" not in html
    assert reverse("accounts_login") not in client.get("/").content.decode()


def test_signing_in_midway_replaces_the_typed_identity(client, oidc_on, resident, procedure):
    typed = applicant_data(full_name="Nguyen Van An", street="Số 9, tổ dân phố 4")
    fill_until_check(client, procedure, applicant=typed)
    client.force_login(resident.user)  # keeps the session's form, as the log-in does
    html = client.get(step_url(procedure, "kiem-tra")).content.decode()
    assert "Nguyễn Văn An" in html
    assert "Số 9, tổ dân phố 4" in html


def test_signing_in_midway_with_a_mismatching_sex_reopens_the_step(
    client, oidc_on, resident, procedure
):
    """Typed a woman's ID number: the verified (male) number no longer fits 'female'; the
    applicant step opens again with everything else kept."""
    typed = applicant_data(id_number="031190001234", sex="female", street="Số 9, tổ 4")
    fill_until_check(client, procedure, applicant=typed)
    client.force_login(resident.user)
    r = client.get(step_url(procedure, "kiem-tra"))
    assert r["Location"] == step_url(procedure, "nguoi-nop")
    html = client.get(r["Location"]).content.decode()
    assert 'value="Số 9, tổ 4"' in html


def test_staff_see_who_vouched_for_the_applicant(resident_client, procedure, client):
    check = fill_until_check(resident_client, procedure)
    resident_client.post(
        step_url(procedure, "kiem-tra"), {"submission_token": submission_token(check)}
    )
    dossier = Dossier.objects.get()
    leader = make_staff(roles.LEADER, username="lanhdao_xt")
    client.force_login(leader)
    html = client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk])).content
    assert "Đã xác thực bằng VNeID" in html.decode()
