"""Handled fully online (toàn trình): submitted online, paid online, result delivered
electronically; counted on /thong-ke/ against the Congress's 95 %, with what stopped the
others. Built through the real services of the three apps that hold the facts."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from payments import services as payments
from procedures import fully_online
from procedures.constants import Channel
from procedures.constants import DossierStatus as S
from procedures.workflow import dossier_transition
from results import services as results
from results.constants import DeliveryChannel, Downloader
from tests.payments.helpers import notification
from tests.procedures.factories import DossierFactory
from tests.results.signing import plain_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def make(procedure_a, officer, leader, settings):
    settings.PAYMENT_GATEWAY = "dev"

    def make_dossier(*, channel=Channel.ONLINE, fee=0, pay=None, result=DeliveryChannel.ONLINE):
        dossier = DossierFactory(
            procedure=procedure_a,
            channel=channel,
            fee_due=fee,
            status_path=[S.ACCEPTED, S.PROCESSING],
        )
        if pay == "online":
            payment, _url = payments.start_online_payment(dossier=dossier)
            payments.handle_notification(notification(payment))
        elif pay == "cash":
            payments.record_cash_payment(dossier=dossier, amount=fee, cashier=leader)
        results.choose_channel(
            dossier=dossier,
            channel=result,
            address="Số 1 ngõ 2, An Phong" if result == DeliveryChannel.POST else "",
        )
        upload = SimpleUploadedFile("ket-qua.pdf", plain_pdf(), content_type="application/pdf")
        results.attach_result(dossier=dossier, upload=upload, actor=officer)
        dossier.refresh_from_db()
        if result == DeliveryChannel.ONLINE:
            results.record_download(dossier=dossier, by=Downloader.TRACKING)
        else:
            dossier_transition(dossier=dossier, to_status=S.RETURNED, actor=leader)
        dossier.refresh_from_db()
        return dossier

    return make_dossier


def test_each_dossier_knows_whether_it_was_fully_online(make, procedure_a):
    assert fully_online.facts(make()) == (True, [])
    assert fully_online.facts(make(fee=8000, pay="online")) == (True, [])
    done, reasons = fully_online.facts(make(fee=8000, pay="cash"))
    assert (done, [str(r) for r in reasons]) == (False, ["nộp phí, lệ phí bằng tiền mặt tại quầy"])
    done, reasons = fully_online.facts(make(result=DeliveryChannel.DESK))
    assert [str(r) for r in reasons] == ["nhận kết quả tại quầy hoặc qua bưu chính"]
    done, reasons = fully_online.facts(make(channel=Channel.IN_PERSON, result=DeliveryChannel.POST))
    assert len(reasons) == 2
    # Not handed over yet: not counted either way.
    pending = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED])
    assert fully_online.facts(pending) == (None, [])


def test_statistics_count_them_against_the_target(client, make, procedure_a):
    make()
    make(fee=8000, pay="online")
    make(fee=8000, pay="cash")
    make(result=DeliveryChannel.DESK)
    make(channel=Channel.IN_PERSON, fee=8000, pay="cash", result=DeliveryChannel.DESK)
    DossierFactory(procedure=procedure_a)  # received, not handled: not in the rate
    data = json.loads(client.get(reverse("procedures:statistics_json")).content)
    total = data["total"]
    assert (total["received"], total["handled"], total["fully_online"]) == (6, 5, 2)
    assert total["fully_online_rate"] == "40.0"
    assert total["not_online_submitted_at_desk"] == 1
    assert total["not_online_paid_at_desk"] == 2
    assert total["not_online_result_in_person"] == 2
    html = client.get(reverse("procedures:statistics")).content.decode()
    assert "(mục tiêu 95%)" in html
    assert "Trong 5 hồ sơ đã trả kết quả, 2 hồ sơ được xử lý trực tuyến toàn trình" in html
    assert "2 hồ sơ nộp phí, lệ phí bằng tiền mặt tại quầy" in html


def test_staff_see_it_on_the_dossier_page(client, make, leader):
    dossier = make(fee=8000, pay="cash")
    client.force_login(leader)
    html = client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk])).content
    assert "Không: nộp phí, lệ phí bằng tiền mặt tại quầy" in html.decode()
