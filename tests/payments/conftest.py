import pytest
from django.urls import reverse

from payments import services
from tests.procedures.factories import DossierFactory

PHONE = "0912345678"


@pytest.fixture
def dossier(ward):
    return DossierFactory(fee_due=50000, email="an@example.com")


@pytest.fixture
def tracked(client, dossier):
    """A client whose session opened `dossier` with code + phone (the tracking proof)."""
    response = client.post(reverse("procedures:tracking"), {"code": dossier.code, "phone": PHONE})
    assert response.status_code == 302
    return client


@pytest.fixture
def order(dossier):
    payment, _url = services.start_online_payment(dossier=dossier, client_ip="203.0.113.5")
    return payment


def ipn(client, params):
    response = client.get(reverse("payments_ipn"), params)
    assert response.status_code == 200
    return response.json()
