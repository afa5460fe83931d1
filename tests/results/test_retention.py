"""The retention purge takes a result's file and postal address with the dossier's data."""

import pytest

from procedures import retention
from procedures.storage import private_storage
from results.constants import DeliveryChannel
from results.models import DossierResult, ResultDelivery
from results.receivers import PURGED_ADDRESS

pytestmark = pytest.mark.django_db(transaction=True)


def test_anonymising_removes_the_result_file_and_address(with_result):
    dossier = with_result
    name = DossierResult.objects.get(dossier=dossier).file.name
    assert private_storage.exists(name)
    ResultDelivery.objects.update_or_create(
        dossier=dossier,
        defaults={"channel": DeliveryChannel.POST, "postal_address": "Số 1 ngõ 2, An Phong"},
    )
    assert retention.anonymise([dossier.pk]) == 1
    assert not DossierResult.objects.filter(dossier=dossier).exists()
    assert not private_storage.exists(name)
    assert ResultDelivery.objects.get(dossier=dossier).postal_address == PURGED_ADDRESS
