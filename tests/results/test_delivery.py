"""The resident's download and choice of channel; the delivery facts; staff downloads."""

import re

import pytest
from django.urls import reverse

from procedures.constants import Channel
from procedures.constants import DossierStatus as S
from procedures.workflow import dossier_transition
from results.constants import DeliveryChannel, DeliveryMethod, Downloader
from results.models import ResultDelivery, ResultDownload
from staff.models import AuditAction, AuditEntry
from tests.procedures.factories import VALID_ID, DossierFactory
from tests.results.signing import SIGNER_NAME

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("results:download")
CHOOSE = reverse("results:choose_channel")
TRACKING = reverse("procedures:tracking")
RESULT_PAGE = reverse("procedures:tracking_result")


def look_up(client, dossier):
    response = client.post(TRACKING, {"code": dossier.code, "phone": "0912345678"})
    assert response["Location"] == RESULT_PAGE


def _checked(html, value):
    """Whether the radio button of `value` is drawn checked, whatever the attribute order."""
    return any("checked" in tag for tag in re.findall(rf'<input[^>]*value="{value}"[^>]*>', html))


def body(response):
    return b"".join(response.streaming_content)


def test_download_needs_the_tracking_proof(client, ward, with_result):
    response = client.get(DOWNLOAD)
    assert (response.status_code, response["Location"]) == (302, TRACKING)
    assert not ResultDownload.objects.exists()


def test_download_after_code_and_phone_delivers_the_result_online(
    client, ward, with_result, signed_pdf
):
    look_up(client, with_result)
    page = client.get(RESULT_PAGE).text
    assert "Tải kết quả" in page and f"Ký số bởi {SIGNER_NAME}" in page
    assert "chưa được đối chiếu với chứng thư gốc tin cậy" in page
    response = client.get(DOWNLOAD)
    assert response.status_code == 200 and body(response) == signed_pdf
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="ket-qua-{with_result.code}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    delivery = ResultDelivery.objects.get(dossier=with_result)
    assert delivery.delivered_how == DeliveryMethod.ELECTRONIC
    assert delivery.delivered_at == delivery.first_downloaded_at is not None
    with_result.refresh_from_db()
    assert with_result.status == S.RETURNED
    assert with_result.events.last().actor is None
    # A second download is logged too; the delivery stays the first one.
    first = delivery.delivered_at
    assert client.get(DOWNLOAD).status_code == 200
    assert [d.by for d in ResultDownload.objects.filter(dossier=with_result)] == [
        Downloader.TRACKING,
        Downloader.TRACKING,
    ]
    delivery.refresh_from_db()
    assert delivery.delivered_at == first
    assert "Đã trả kết quả: Công dân tải về trực tuyến" in client.get(RESULT_PAGE).text


def test_no_result_yet_says_so(client, ward, processing):
    look_up(client, processing)
    assert "Tải kết quả" not in client.get(RESULT_PAGE).text
    response = client.get(DOWNLOAD)
    assert response["Location"] == RESULT_PAGE
    assert not ResultDownload.objects.exists()


def test_signed_in_resident_downloads_from_my_dossiers(
    client, ward, resident, oidc_on, with_result
):
    Dossier = type(with_result)
    Dossier.objects.filter(pk=with_result.pk).update(resident=resident.user)
    client.force_login(resident.user)
    mine = client.get(reverse("accounts:my_dossiers")).text
    direct = reverse("results:download_mine", args=[with_result.pk])
    assert direct in mine
    assert client.get(direct).status_code == 200
    # The "open" link puts the dossier in the session: the tracking page's button works.
    client.get(reverse("accounts:open_dossier", args=[with_result.pk]))
    assert client.get(DOWNLOAD).status_code == 200
    downloads = ResultDownload.objects.filter(dossier=with_result)
    assert [(d.by, d.user) for d in downloads] == [(Downloader.ACCOUNT, resident.user)] * 2
    # Someone else's dossier is not his.
    other = DossierFactory(id_number=VALID_ID, phone="+84987654321")
    assert client.get(reverse("results:download_mine", args=[other.pk])).status_code == 404


def test_staff_download_is_access_checked_and_audited(
    client, with_result, officer, other_officer, signed_pdf
):
    url = reverse("admin:procedures_dossier_result_download", args=[with_result.pk])
    client.force_login(other_officer)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    response = client.get(url)
    assert response.status_code == 200 and body(response) == signed_pdf
    [entry] = AuditEntry.objects.for_object(with_result).filter(action=AuditAction.DOWNLOAD)
    assert entry.actor == officer and entry.details["filename"] == "quyet-dinh.pdf"
    [download] = ResultDownload.objects.all()
    assert (download.by, download.user) == (Downloader.STAFF, officer)
    # A staff download is not the resident's delivery.
    assert ResultDelivery.objects.get(dossier=with_result).delivered_at is None


def test_default_channel_follows_how_the_dossier_came(procedure_a):
    from procedures.models import Dossier
    from results.models import default_channel

    assert default_channel(Dossier(channel=Channel.ONLINE)) == DeliveryChannel.ONLINE
    assert default_channel(Dossier(channel=Channel.IN_PERSON)) == DeliveryChannel.DESK


def test_choosing_the_post_needs_an_address_and_keeps_what_was_typed(client, ward, processing):
    look_up(client, processing)
    response = client.post(CHOOSE, {"channel": "post", "postal_address": "   "})
    assert response.status_code == 400
    assert "Xin ghi địa chỉ nhận kết quả qua bưu chính." in response.text
    assert _checked(response.text, "post")
    response = client.post(CHOOSE, {"channel": "bay", "postal_address": "Số 5 ngõ 3"})
    assert response.status_code == 400
    assert "Chọn một cách nhận kết quả trong danh sách." in response.text
    assert 'value="Số 5 ngõ 3"' in response.text
    assert not ResultDelivery.objects.exists()
    response = client.post(CHOOSE, {"channel": "post", "postal_address": "Số 5  ngõ 3, An Phong"})
    assert response["Location"] == RESULT_PAGE
    delivery = ResultDelivery.objects.get(dossier=processing)
    assert (delivery.channel, delivery.postal_address) == ("post", "Số 5 ngõ 3, An Phong")
    assert delivery.chosen_at is not None
    assert "Số 5 ngõ 3, An Phong" in client.get(RESULT_PAGE).text


def test_choosing_needs_the_tracking_proof(client, ward, processing):
    response = client.post(CHOOSE, {"channel": "desk"})
    assert response["Location"] == TRACKING
    assert not ResultDelivery.objects.exists()


def test_desk_channel_download_does_not_deliver_the_handover_does(
    client, ward, with_result, reception
):
    look_up(client, with_result)
    assert client.post(CHOOSE, {"channel": "desk"})["Location"] == RESULT_PAGE
    assert client.get(DOWNLOAD).status_code == 200
    delivery = ResultDelivery.objects.get(dossier=with_result)
    assert delivery.first_downloaded_at is not None and delivery.delivered_at is None
    with_result.refresh_from_db()
    assert with_result.status == S.DONE
    dossier_transition(dossier=with_result, to_status=S.RETURNED, actor=reception)
    delivery.refresh_from_db()
    assert (delivery.delivered_how, delivery.delivered_by) == (DeliveryMethod.DESK, reception)
    assert delivery.delivered_at == with_result.returned_at
    # Delivered: the channel can no longer change.
    response = client.post(CHOOSE, {"channel": "online"})
    assert response.status_code == 400 and "không đổi cách nhận được nữa" in response.text
    delivery.refresh_from_db()
    assert delivery.channel == DeliveryChannel.DESK


def test_posted_result_is_recorded_as_posted(client, ward, with_result, reception):
    look_up(client, with_result)
    client.post(CHOOSE, {"channel": "post", "postal_address": "Số 5 ngõ 3"})
    dossier_transition(dossier=with_result, to_status=S.RETURNED, actor=reception)
    delivery = ResultDelivery.objects.get(dossier=with_result)
    assert delivery.delivered_how == DeliveryMethod.POST
    assert not delivery.delivered_online
