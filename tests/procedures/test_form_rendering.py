"""Residents' forms are drawn by django-crispy-forms (Bootstrap 5 pack), accessibly.

Every field has its wrapper, label and, when it has one, its help text; an invalid input is
marked `aria-invalid` and names its message (`<id>_error`) and help text in
`aria-describedby`; choice groups are fieldsets with a legend; typed values are kept.
"""

import re

import pytest
from django.urls import reverse

from procedures.constants import DossierStatus
from tests.procedures.factories import DossierFactory
from tests.procedures.journey import applicant_data, fill_until_check, step_url

pytestmark = pytest.mark.django_db


def _tag(html, name, tag="input"):
    """The first <tag …> whose name is `name` (several for radios: the first one)."""
    match = re.search(rf'<{tag}\b[^>]*\bname="{name}"[^>]*>', html)
    assert match, f"no <{tag} name={name!r}>"
    return match.group(0)


def _open_dossier(client, dossier):
    response = client.post(
        reverse("procedures:tracking"), {"code": dossier.code, "phone": "0912345678"}
    )
    assert response.status_code == 302


def test_applicant_step_is_drawn_by_crispy_in_the_forms_order(client, ward, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    html = client.get(step_url(procedure, "nguoi-nop")).content.decode()
    wrappers = re.findall(r'id="div_id_(\w+)"', html)
    assert wrappers == [
        "full_name",
        "id_number",
        "birth_date",
        "sex",
        "phone",
        "email",
        "province",
        "ward",
        "ward_name",
        "street",
    ]
    # The residence heading comes between the e-mail and the province.
    assert (
        html.index('id="div_id_email"')
        < html.index("Nơi cư trú")
        < html.index('id="div_id_province"')
    )
    # The free-text ward box sits in the wrapper forms.js hides when the ward is listed.
    assert re.search(r'<div\s+id="ward-name-field"[^>]*>\s*<div id="div_id_ward_name"', html)
    # Help text is named by its input; sex is a fieldset with a legend.
    assert 'aria-describedby="id_phone_helptext"' in _tag(html, "phone")
    assert 'id="id_phone_helptext"' in html
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*Giới tính", html)
    # The page's own form tag and token, and no second one from crispy.
    assert html.count("<form") == html.count("</form>")
    assert html.count('name="csrfmiddlewaretoken"') == html.count('method="post"')


def test_applicant_errors_are_beside_the_field_and_named_by_the_input(client, ward, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    html = client.post(
        step_url(procedure, "nguoi-nop"), applicant_data(email="khong-phai-thu", sex="")
    ).content.decode()
    email = _tag(html, "email")
    assert 'aria-invalid="true"' in email and 'value="khong-phai-thu"' in email
    assert "id_email_helptext id_email_error" in email
    error = re.search(r'<div id="id_email_error"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "Địa chỉ thư điện tử không hợp lệ" in error
    # A radio group's message is named by its fieldset.
    assert re.search(r'<fieldset[^>]*aria-describedby="id_sex_error"', html)
    assert 'id="id_sex_error"' in html and "Chọn giới tính." in html
    # Fields without an error are not marked.
    assert "aria-invalid" not in _tag(html, "full_name")


def test_tracking_form_keeps_the_code_and_names_the_error(client, ward):
    html = client.post(
        reverse("procedures:tracking"), {"code": "H26.APH-990101-0042", "phone": ""}
    ).content.decode()
    assert 'value="H26.APH-990101-0042"' in _tag(html, "code")
    phone = _tag(html, "phone")
    assert 'aria-invalid="true"' in phone and 'aria-describedby="id_phone_error"' in phone
    assert 'id="id_phone_error"' in html and "Nhập số điện thoại." in html
    assert 'href="#id_phone"' in html.split("data-error-summary")[1].split("</div>")[0]
    empty = client.get(reverse("procedures:tracking")).content.decode()
    assert "H26.APH-990101-0042" not in empty and "id_phone_error" not in empty
    assert 'name="code"' in empty


def test_consent_step_error_is_on_the_checkbox(client, ward, procedure):
    fill_until_check(client, procedure)  # every step before is done
    response = client.post(step_url(procedure, "dong-y"), {})
    assert response.status_code == 200
    html = response.content.decode()
    consent = _tag(html, "consent")
    assert 'type="checkbox"' in consent and 'aria-invalid="true"' in consent
    assert 'id="id_consent_error"' in html and "Đánh dấu vào ô đồng ý" in html


def test_withdrawal_and_rating_forms_are_drawn_with_their_errors(client, ward):
    accepted = DossierFactory(status_path=[DossierStatus.ACCEPTED])
    _open_dossier(client, accepted)
    html = client.post(
        reverse("procedures:tracking_withdraw"), {"reason": "Nộp nhầm", "confirm": ""}
    ).content.decode()
    assert re.search(r"<textarea[^>]*name=\"reason\"[^>]*>\s*Nộp nhầm</textarea>", html)
    confirm = _tag(html, "confirm")
    assert 'aria-invalid="true"' in confirm and 'aria-describedby="id_confirm_error"' in confirm
    assert '<details class="mb-4" open>' in html
    # The empty form drawn next (kept in the cache) carries neither the error nor the text.
    page = client.get(reverse("procedures:tracking_result")).content.decode()
    assert "id_confirm_error" not in page and "Nộp nhầm" not in page
    assert 'name="confirm"' in page

    finished = DossierFactory(status_path=[2, 4, 9, 10])
    _open_dossier(client, finished)
    html = client.post(
        reverse("procedures:tracking_rate"), {"comment": "Chậm", "reasons": ["late"]}
    ).content.decode()
    assert re.search(r'<fieldset[^>]*aria-describedby="id_satisfied_error"', html)
    assert "Chọn hài lòng hoặc không hài lòng." in html
    late = re.search(r'<input\b[^>]*name="reasons"[^>]*value="late"[^>]*>', html).group(0)
    assert "checked" in late
    assert re.search(r'<textarea[^>]*name="comment"[^>]*>\s*Chậm</textarea>', html)
