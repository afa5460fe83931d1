"""Fixtures of the results tests: a test PKI, a dossier in processing, uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procedures.constants import DossierStatus as S
from procedures.storage import private_storage
from results import services
from tests.accounts.conftest import oidc_on, resident, resident_client  # noqa: F401
from tests.procedures.factories import DossierFactory
from tests.results.signing import SigningPki, plain_pdf


@pytest.fixture
def pki(tmp_path):
    return SigningPki(tmp_path)


@pytest.fixture
def signed_pdf(pki):
    return pki.sign(plain_pdf())


@pytest.fixture
def processing(procedure_a):
    """A dossier of field A being processed, sent online with an e-mail address."""
    return DossierFactory(
        procedure=procedure_a, email="an@example.com", status_path=[S.ACCEPTED, S.PROCESSING]
    )


def pdf_upload(data, name="quyet-dinh.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def with_result(processing, officer, signed_pdf):
    """`processing` finished by the officer with a signed result."""
    services.attach_result(dossier=processing, upload=pdf_upload(signed_pdf), actor=officer)
    processing.refresh_from_db()
    return processing


def stored_results():
    """The result files in the private storage."""

    def walk(root):
        if not private_storage.exists(root):
            return []
        dirs, files = private_storage.listdir(root)
        return [f"{root}/{f}" for f in files] + [n for d in dirs for n in walk(f"{root}/{d}")]

    return walk(services.RESULT_PREFIX)
