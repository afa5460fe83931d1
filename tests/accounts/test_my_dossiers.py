"""'Hồ sơ của tôi': what the signed-in resident sees, and what it takes to see more."""

import re

import pytest
from django.urls import reverse

from accounts.models import ProvenPhone
from feedback.models import Topic
from procedures.constants import DossierStatus
from procedures.tracked import TRACKING_KEY
from tests.accounts.conftest import make_resident
from tests.feedback.conftest import submit as submit_feedback
from tests.procedures.factories import VALID_ID, VALID_PHONE, DossierFactory

pytestmark = pytest.mark.django_db

MINE = reverse("accounts:my_dossiers")
PROVE = reverse("accounts:prove_phone")
OTHER_PHONE = "+84987654321"


def _code(outbox):
    return re.search(r"\b(\d{6})\b", outbox[-1]["text"]).group(1)


def test_pages_are_absent_without_a_provider(client, resident):
    client.force_login(resident.user)
    assert client.get(MINE).status_code == 404
    assert client.get(PROVE).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, oidc_on):
    r = client.get(MINE)
    assert r.status_code == 302
    assert r["Location"] == f"{reverse('accounts_login')}?next={MINE}"


def test_staff_without_resident_account_is_sent_to_log_in(admin_client, oidc_on):
    assert admin_client.get(MINE).status_code == 302


def test_dossiers_sent_signed_in_are_listed_with_status_and_actions(resident_client, resident):
    mine = DossierFactory(resident=resident.user, status_path=[DossierStatus.ACCEPTED])
    asked = DossierFactory(
        resident=resident.user,
        status_path=[
            DossierStatus.ACCEPTED,
            DossierStatus.PROCESSING,
            DossierStatus.SUPPLEMENT_REQUESTED,
        ],
    )
    done = DossierFactory(
        resident=resident.user,
        status_path=[DossierStatus.ACCEPTED, DossierStatus.PROCESSING, DossierStatus.DONE],
    )
    other = DossierFactory(id_number="031085001111", birth_date="1985-01-01")
    r = resident_client.get(MINE)
    html = r.content.decode()
    assert r.status_code == 200
    for dossier in (mine, asked, done):
        assert dossier.code in html
    assert other.code not in html
    assert "Bổ sung giấy tờ" in html
    assert "Đánh giá" in html
    assert "Rút hồ sơ" in html
    assert str(DossierStatus.ACCEPTED.label) in html


def test_earlier_dossiers_need_the_phone_proven_first(resident_client, resident, sms_outbox):
    earlier = DossierFactory(phone=VALID_PHONE)  # his ID number, sent anonymously
    r = resident_client.get(MINE)
    assert earlier.code not in r.content.decode()
    assert "1 hồ sơ khác mang số định danh" in r.content.decode()

    r = resident_client.post(PROVE, {"phone": "0912 345 678", "gui_ma": "1"})
    assert r.status_code == 302
    assert sms_outbox[-1]["recipient"] == VALID_PHONE
    r = resident_client.post(PROVE, {"code": _code(sms_outbox)})
    assert r.status_code == 302
    assert ProvenPhone.objects.filter(account=resident, phone=VALID_PHONE).exists()
    r = resident_client.get(MINE)
    assert earlier.code in r.content.decode()


def test_a_proven_phone_shows_no_dossier_of_another_id_number(resident_client, resident):
    ProvenPhone.objects.create(account=resident, phone=VALID_PHONE)
    stranger = DossierFactory(phone=VALID_PHONE, id_number="031085001111", birth_date="1985-01-01")
    assert stranger.code not in resident_client.get(MINE).content.decode()


def test_wrong_code_is_refused_with_a_message_and_limited(
    resident_client, resident, sms_outbox, settings
):
    settings.ACCOUNT_PHONE_CODE_ATTEMPTS = 2
    resident_client.post(PROVE, {"phone": "0912345678", "gui_ma": "1"})
    right = _code(sms_outbox)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    r = resident_client.post(PROVE, {"code": wrong})
    assert r.status_code == 200
    assert "Mã xác minh không đúng." in r.content.decode()
    resident_client.post(PROVE, {"code": wrong})
    r = resident_client.post(PROVE, {"code": right})
    r = resident_client.get(r["Location"])
    assert "Đã nhập sai quá nhiều lần" in r.content.decode()
    assert not ProvenPhone.objects.exists()


def test_expired_code_is_refused(resident_client, resident, sms_outbox, clock):
    resident_client.post(PROVE, {"phone": "0912345678", "gui_ma": "1"})
    clock.advance(minutes=11)
    r = resident_client.post(PROVE, {"code": _code(sms_outbox)}, follow=True)
    assert "Mã đã hết hạn" in r.content.decode()
    assert not ProvenPhone.objects.exists()


def test_malformed_inputs_keep_what_was_typed(resident_client, sms_outbox):
    r = resident_client.post(PROVE, {"phone": "024 3825 1234", "gui_ma": "1"})
    html = r.content.decode()
    assert "số máy bàn" in html
    assert 'value="024 3825 1234"' in html
    assert sms_outbox == []


def test_codes_per_phone_are_rate_limited(resident_client, sms_outbox, settings):
    settings.PORTAL_RATE_PHONE_CODE = "2/3600"
    for _ in range(2):
        resident_client.post(PROVE, {"phone": "0912345678", "gui_ma": "1"})
    r = resident_client.post(PROVE, {"phone": "0912345678", "gui_ma": "1"})
    assert "quá nhiều mã" in r.content.decode()
    assert len(sms_outbox) == 2


def test_open_dossier_only_his_own(resident_client, resident):
    mine = DossierFactory(resident=resident.user)
    stranger = DossierFactory(id_number="031085001111", birth_date="1985-01-01")
    r = resident_client.get(reverse("accounts:open_dossier", args=[mine.pk]))
    assert r["Location"] == reverse("procedures:tracking_result")
    assert resident_client.session[TRACKING_KEY]["dossier"] == mine.pk
    assert resident_client.get(r["Location"]).status_code == 200
    r = resident_client.get(reverse("accounts:open_dossier", args=[stranger.pk]))
    assert r.status_code == 404
    r = resident_client.get(reverse("accounts:open_dossier", args=[mine.pk]) + "?xem=bien-nhan")
    assert r["Location"] == reverse("procedures:tracking_receipt")


def test_another_resident_with_the_same_phone_proves_nothing_of_his(client, oidc_on, resident):
    DossierFactory(resident=resident.user, code="H26.APH-250101-9999")
    other = make_resident(citizen_id="031085001111", subject="sub-2", name="Trần Thị Bình")
    ProvenPhone.objects.create(account=other, phone=VALID_PHONE)
    client.force_login(other.user)
    assert "H26.APH-250101-9999" not in client.get(MINE).content.decode()


def test_feedback_listed_when_sent_signed_in_or_from_a_proven_phone(resident_client, resident):
    topic = Topic.objects.get(slug="trat-tu-do-thi")
    signed, _t = submit_feedback(topic, resident=resident.user, phone=OTHER_PHONE)
    earlier, _t = submit_feedback(topic, title="Đèn đường hỏng")
    stranger, _t = submit_feedback(topic, title="Rác thải", phone="+84977000111")
    html = resident_client.get(MINE).content.decode()
    assert signed.code in html
    assert earlier.code not in html
    ProvenPhone.objects.create(account=resident, phone=VALID_PHONE)
    html = resident_client.get(MINE).content.decode()
    assert earlier.code in html
    assert stranger.code not in html
    r = resident_client.get(reverse("accounts:open_feedback", args=[earlier.pk]))
    assert r["Location"] == reverse("feedback:tracking_result", args=[earlier.code])
    assert resident_client.get(r["Location"]).status_code == 200
    r = resident_client.get(reverse("accounts:open_feedback", args=[stranger.pk]))
    assert r.status_code == 404


def test_his_id_number_alone_is_not_enough(resident_client, resident):
    """Same ID number, phone not proven: counted, never shown or opened."""
    earlier = DossierFactory(id_number=VALID_ID, phone=OTHER_PHONE)
    assert earlier.code not in resident_client.get(MINE).content.decode()
    r = resident_client.get(reverse("accounts:open_dossier", args=[earlier.pk]))
    assert r.status_code == 404


def test_a_resident_pause_does_not_end_his_session(resident_client, clock, settings):
    """The staff idle timeout is for staff: a resident filling a long form keeps his
    session (and its answers) for SESSION_COOKIE_AGE."""
    resident_client.get(MINE)
    clock.advance(seconds=settings.STAFF_SESSION_IDLE_TIMEOUT + 60)
    assert resident_client.get(MINE).status_code == 200
