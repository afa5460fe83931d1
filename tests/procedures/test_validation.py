"""Every rule of the applicant step: CCCD, phone, names, dates, address; GOV.UK errors."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from procedures.validators import (
    check_id_number_matches,
    mask_name,
    mask_phone,
    normalise_id_number,
    normalise_mobile,
)
from tests.procedures.factories import hai_phong
from tests.procedures.journey import applicant_data, step_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        " 091 2345678 ",
        "(091) 234-5678",
        "+84 (912) 345.678",
        "(+84) 912 345 678",
    ],
)
def test_mobile_numbers_in_every_common_form_normalise_to_e164(raw):
    assert normalise_mobile(raw) == "+84912345678"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("02253123456", "landline"),
        ("0225 3123 456", "landline"),
        ("012345", "invalid"),
        ("+33612345678", "invalid"),
        ("abc", "chars"),
        ("912345678", "invalid"),  # no leading 0, 84 or +84
        ("+0912345678", "invalid"),
        ("０９１２３４５６７８", "unicode"),
        ("", "required"),
    ],
)
def test_bad_phone_numbers_are_refused(raw, code):
    with pytest.raises(ValidationError) as exc:
        normalise_mobile(raw)
    assert exc.value.code == code


@pytest.mark.parametrize(
    "raw",
    [
        "0912 ABC DEF",  # phonenumbers reads keypad letters: would become +84912222333
        "0912345678;0987654321",
        "0912345678 ext 12",
        "0912345678x12",
        "0912345678 # 12",
        "0912/345/678",
        "0912 345 678 (Bố)",
        "091+2345678",
        "0912 345 67８",
    ],
)
def test_phone_with_anything_but_digits_and_separators_is_refused(raw):
    """Issue 14 item 2: letters, extensions and lists are refused, never turned into digits."""
    with pytest.raises(ValidationError) as exc:
        normalise_mobile(raw)
    assert exc.value.code in {"chars", "unicode"}


def test_id_number_needs_exactly_twelve_ascii_digits():
    assert normalise_id_number("031 090 001 234") == "031090001234"
    for bad in ["03109000123", "0310900012345", "03109000123a", ""]:
        with pytest.raises(ValidationError) as exc:
            normalise_id_number(bad)
        assert exc.value.code == "format", bad


@pytest.mark.parametrize("digits", ["０３１０９０００１２３４", "٠٣١٠٩٠٠٠١٢٣٤", "০৩১০৯০০০১২৩৪"])
def test_unicode_digits_are_not_silently_accepted(digits):
    with pytest.raises(ValidationError) as exc:
        normalise_id_number(digits)
    assert exc.value.code == "unicode_digits"


@pytest.mark.parametrize(
    ("number", "born", "sex"),
    [
        ("031090001234", datetime.date(1990, 1, 1), "male"),
        ("031190001234", datetime.date(1990, 1, 1), "female"),
        ("031205001234", datetime.date(2005, 1, 1), "male"),
        ("031305001234", datetime.date(2005, 1, 1), "female"),
    ],
)
def test_century_sex_digit_and_year_agree(number, born, sex):
    assert check_id_number_matches(number, born, sex) is None


@pytest.mark.parametrize(
    ("number", "born", "sex", "code"),
    [
        ("031090001234", datetime.date(1990, 1, 1), "female", "century_sex"),
        ("031290001234", datetime.date(1990, 1, 1), "male", "century_sex"),
        ("031091001234", datetime.date(1990, 1, 1), "male", "year"),
        ("031005001234", datetime.date(2005, 1, 1), "male", "century_sex"),
    ],
)
def test_id_number_disagreeing_with_person_is_refused(number, born, sex, code):
    with pytest.raises(ValidationError) as exc:
        check_id_number_matches(number, born, sex)
    assert exc.value.code == code


def test_masks_hide_personal_data():
    assert mask_phone("+84912345678") == "0912 *** 678"
    assert mask_name("Nguyễn Văn An") == "N*** V*** An"


def _post(client, procedure, **overrides):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    return client.post(step_url(procedure, "nguoi-nop"), applicant_data(**overrides))


def test_errors_are_summarised_on_top_beside_fields_and_values_are_kept(client, ward, procedure):
    response = _post(
        client,
        procedure,
        id_number="031190001234",
        phone="02253123456",
        birth_date="1990-13-45",
        full_name="An 007",
    )
    html = response.content.decode()
    assert response.status_code == 200
    summary = html.split("data-error-summary")[1].split("</div>")[0]
    # In the form's field order; the ID number is not cross-checked without a valid date.
    assert re.findall(r'href="([^"]*)"', summary) == [
        "#id_full_name",
        "#id_birth_date",
        "#id_phone",
    ]
    # The message sits beside the field, and the input names it and is marked invalid.
    assert 'id="id_phone_error"' in html
    phone_input = re.search(r'<input[^>]*name="phone"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in phone_input
    assert "id_phone_helptext id_phone_error" in phone_input
    assert 'value="02253123456"' in html  # typed value kept
    assert "số máy bàn" in html
    assert "<title>Lỗi:" in html
    assert 'src="/static/js/forms.js"' in html


@pytest.mark.parametrize("typed", ["0912 ABC DEF", "0912345678;0987654321", "0912345678 ext 12"])
def test_phone_with_letters_is_refused_beside_the_field_and_kept(client, ward, procedure, typed):
    response = _post(client, procedure, phone=typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_phone_error"' in html and 'href="#id_phone"' in html
    assert "không ghi chữ cái" in html
    phone_input = re.search(r'<input[^>]*name="phone"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in phone_input
    assert f'value="{typed}"' in phone_input
    assert client.session[f"portal:wizard:{procedure.pk}"]["applicant"] is None


def test_phone_question_and_tracking_refuse_letters(client, ward, procedure):
    from tests.procedures.factories import QuestionFactory

    QuestionFactory(
        procedure=procedure, key="so_dt", label="Số điện thoại người thân", kind="phone"
    )
    assert _post(client, procedure).status_code == 302
    response = client.post(
        step_url(procedure, "cau-hoi"),
        {"ten_tre": "Bình", "ngay_sinh_tre": "01/02/2025", "so_dt": "0912 ABC DEF"},
    )
    assert response.status_code == 200
    assert "không ghi chữ cái" in response.content.decode()
    assert client.session[f"portal:wizard:{procedure.pk}"]["answers"] is None

    response = client.post(
        reverse("procedures:tracking"), {"code": "H26.APH-260101-0001", "phone": "0912 ABC DEF"}
    )
    html = response.content.decode()
    assert "không ghi chữ cái" in html and 'value="0912 ABC DEF"' in html


def test_id_number_mismatch_message_is_beside_the_id_field(client, ward, procedure):
    html = _post(client, procedure, id_number="031190001234").content.decode()
    assert 'id="id_id_number_error"' in html and "Chữ số thứ 4" in html


@pytest.mark.parametrize(
    ("local_now", "today", "tomorrow"),
    [
        # Just after local midnight (still the day before in UTC) and just before it.
        ((2026, 3, 1, 0, 30), "01/03/2026", "02/03/2026"),
        ((2026, 12, 31, 23, 59), "31/12/2026", "01/01/2027"),
    ],
)
def test_birth_date_may_be_today_not_tomorrow(
    client, ward, procedure, clock, local_now, today, tomorrow
):
    """ "Today" is the day in Vietnam, whatever the UTC date."""
    clock.now = datetime.datetime(*local_now, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    refused = _post(client, procedure, birth_date=tomorrow).content.decode()
    assert 'id="id_birth_date_error"' in refused
    assert "không được sau ngày hôm nay" in refused
    accepted = _post(client, procedure, birth_date=today).content.decode()
    assert 'id="id_birth_date_error"' not in accepted
    assert "không được sau ngày hôm nay" not in accepted


def test_dates_are_day_first(client, ward, procedure):
    # 05/04/1990 is 5 April, never 4 May: the ID (year 90) agrees either way, so check the session.
    response = _post(client, procedure, birth_date="05/04/1990")
    assert response.status_code == 302
    state = client.session[f"portal:wizard:{procedure.pk}"]
    assert state["applicant"]["birth_date"] == "05/04/1990"
    html = _post(client, procedure, birth_date="04/31/1990").content.decode()
    assert "ngày/tháng/năm" in html


def test_ward_must_belong_to_the_province(client, ward, procedure):
    from procedures.models import Province

    other = Province.objects.exclude(slug="hai-phong").first()
    html = _post(client, procedure, province=other.pk).content.decode()
    assert "không thuộc tỉnh, thành phố đã chọn" in html


def test_ward_outside_the_list_needs_a_typed_name(client, ward, procedure):
    html = _post(client, procedure, ward="khac", ward_name="").content.decode()
    assert "Nhập tên xã, phường" in html
    assert (
        _post(client, procedure, ward="khac", ward_name="Phường Lê Thanh Nghị").status_code == 302
    )


def test_province_without_ward_list_takes_a_typed_ward(client, ward, procedure):
    from procedures.models import Province

    hanoi = Province.objects.get(slug="ha-noi")
    response = _post(client, procedure, province=hanoi.pk, ward="", ward_name="Phường Ba Đình")
    assert response.status_code == 302


def test_ward_select_is_grouped_by_province_for_the_static_script(client, ward, procedure):
    client.get(reverse("procedures:submit_start", args=[procedure.slug]))
    html = client.get(step_url(procedure, "nguoi-nop")).content.decode()
    assert f'<optgroup label="{hai_phong().full_name}">' in html
    assert "data-ward-select" in html and "<script>" not in html and "onchange" not in html


def test_questions_are_built_from_configuration(client, ward, procedure):
    from tests.procedures.factories import QuestionFactory

    QuestionFactory(
        procedure=procedure, key="so_dt", label="Số điện thoại người thân", kind="phone"
    )
    QuestionFactory(
        procedure=procedure,
        key="chon",
        label="Nơi nhận",
        kind="choice",
        choices="Tại Trung tâm\nQua bưu điện",
    )
    QuestionFactory(
        procedure=procedure, key="tuy_chon", label="Ghi chú", kind="long_text", required=False
    )
    _post(client, procedure)
    response = client.post(
        step_url(procedure, "cau-hoi"),
        {"ten_tre": "", "ngay_sinh_tre": "31/02/2025", "so_dt": "02253123456", "chon": "Khác"},
    )
    html = response.content.decode()
    assert "Trả lời câu hỏi: Tên của trẻ" in html
    assert "ngày/tháng/năm" in html and "số máy bàn" in html
    assert 'href="#id_chon_0"' in html  # summary links to the first radio
    response = client.post(
        step_url(procedure, "cau-hoi"),
        {
            "ten_tre": "Bình",
            "ngay_sinh_tre": "01/02/2025",
            "so_dt": "0912 345 678",
            "chon": "Qua bưu điện",
        },
    )
    assert response.status_code == 302
    answers = client.session[f"portal:wizard:{procedure.pk}"]["answers"]
    assert answers["so_dt"] == "+84912345678" and answers["tuy_chon"] == ""


def test_personal_data_never_in_urls(client, ward, procedure):
    response = _post(client, procedure)
    assert "031090001234" not in response["Location"] and "0912" not in response["Location"]


def test_personal_data_never_in_logs(
    client, ward, procedure, caplog, django_capture_on_commit_callbacks
):
    """Every logger at DEBUG, through a refused step, a whole submission with its receipt
    e-mail and disk failure, and tracking look-ups: no ID number, phone, name or e-mail
    in any log record."""
    import logging
    from unittest import mock

    from django.core import mail

    from procedures.models import Dossier
    from procedures.storage import private_storage
    from tests.procedures.factories import pdf_bytes
    from tests.procedures.journey import submit, upload

    caplog.set_level(logging.DEBUG)
    # Refused: the ID number's year does not match the date of birth.
    client.post(step_url(procedure, "nguoi-nop"), applicant_data(birth_date="17/05/1991"))
    # A disk failure while staging is logged (with its traceback); the journey stops at
    # the documents step, which shows the error instead of moving on.
    with mock.patch.object(private_storage, "save", side_effect=OSError("disk full")):
        client.get(reverse("procedures:submit_start", args=[procedure.slug]))
        assert client.post(step_url(procedure, "nguoi-nop"), applicant_data()).status_code == 302
        answers = {"ten_tre": "Nguyễn Văn Bình", "ngay_sinh_tre": "01/02/2025"}
        assert client.post(step_url(procedure, "cau-hoi"), answers).status_code == 302
        doc = procedure.documents.filter(is_mandatory=True).first()
        refused = client.post(
            step_url(procedure, "giay-to"), {f"doc_{doc.pk}": upload("to-khai.pdf", pdf_bytes())}
        )
    assert refused.status_code == 200
    assert "do sự cố máy chủ" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, procedure)
    dossier = Dossier.objects.get()
    tracking = reverse("procedures:tracking")
    client.post(tracking, {"code": dossier.code, "phone": "0912 345 678"})
    client.post(tracking, {"code": dossier.code, "phone": "0987 654 321"})
    assert any("stage" in r.getMessage() for r in caplog.records)  # the guard saw logs
    assert len(mail.outbox) == 1  # the receipt
    logged = "\n".join(
        f"{r.getMessage()} {r.exc_text or ''} {getattr(r, 'request', '')}" for r in caplog.records
    ).lower()
    for secret in ["031090001234", "912345678", "912 345 678", "nguyễn văn an", "an@example.com"]:
        assert secret not in logged, secret


def test_submission_views_hide_post_data_from_error_reports(rf, ward, procedure):
    from procedures.resident import submission

    request = rf.post("/", {"id_number": "031090001234"})
    # sensitive_post_parameters marks the request before the view body runs.
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    request.user = None
    request._dont_enforce_csrf_checks = True
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    submission.submit_step(request, slug=procedure.slug, step="nguoi-nop")
    assert request.sensitive_post_parameters == "__ALL__"


@pytest.mark.parametrize("form", ["applicant", "tracking"])
def test_one_phone_field_for_the_applicant_and_the_tracking_look_up(form):
    """Both forms use procedures.forms.MobilePhoneField: the phone keypad, the browser's
    own autofill, 30 characters at most, the number cleaned to E.164; each form keeps its
    own label and 'required' message."""
    from procedures.resident.forms import ApplicantForm
    from procedures.resident.tracking_forms import TrackingForm

    form_class, required = {
        "applicant": (ApplicantForm, "Nhập số điện thoại di động."),
        "tracking": (TrackingForm, "Nhập số điện thoại."),
    }[form]
    html = str(form_class()["phone"])
    for attribute in ['inputmode="tel"', 'autocomplete="tel"', 'maxlength="30"']:
        assert attribute in html
    field = form_class().fields["phone"]
    assert field.clean(" 0912.345.678 ") == "+84912345678"
    with pytest.raises(ValidationError) as refused:
        field.clean("")
    assert refused.value.messages == [required]
    with pytest.raises(ValidationError) as refused:
        field.clean("0912 345 678 0912 345 678 0912 345 678")
    assert refused.value.messages == ["Số điện thoại không hợp lệ."]


def test_an_optional_phone_field_leaves_an_empty_answer_empty():
    from procedures.forms import MobilePhoneField

    assert MobilePhoneField(required=False).clean("") == ""
    assert MobilePhoneField(required=False).clean("0912345678") == "+84912345678"
