"""Dossier codes stay unique and tokens stay single-use under parallel submissions.

Real transactions in parallel threads (TransactionTestCase semantics). On SQLite the
file database's IMMEDIATE transactions serialise writers; on PostgreSQL the counter row
lock does, and that is what runs here.
"""

import threading
import uuid

import pytest
from django.conf import settings
from django.db import connections
from django.utils import timezone

from procedures.models import Dossier, DossierDocument
from procedures.services import dossier_submit, next_dossier_code
from procedures.staging import StagedFile
from procedures.storage import private_storage, temp_name
from tests.procedures.factories import (
    ProcedureFactory,
    RequiredDocumentFactory,
    an_phong,
    hai_phong,
    pdf_bytes,
)

pytestmark = [
    # No serialized_rollback: after another transactional test's flush (tests/portal/
    # test_backup.py), post_migrate recreates the role groups under new ids, and restoring
    # the serialized ones (id 1…) then collides on their names. The flush after these tests
    # empties the tables; tests/conftest.py reloads the places the next test needs.
    pytest.mark.django_db(transaction=True),
    # Codes count per day: a run across local midnight would start a new sequence.
    pytest.mark.usefixtures("clock"),
    pytest.mark.postgres_only,
    # The in-memory SQLite test database is one shared-cache connection set whose table
    # locks do not wait; the file database in use has IMMEDIATE transactions instead.
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="parallel transactions need PostgreSQL",
    ),
]

THREADS = 8


def _stage():
    from django.core.files.base import ContentFile

    data = pdf_bytes()
    name = private_storage.save(temp_name("pdf"), ContentFile(data))
    import hashlib

    return StagedFile(
        temp_name=name,
        original_name="a.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        extension="pdf",
    )


def _applicant():
    import datetime

    return {
        "applicant_name": "Nguyễn Văn An",
        "id_number": "031090001234",
        "birth_date": datetime.date(1990, 5, 17),
        "sex": "male",
        "phone": "+84912345678",
        "email": "",
        "province": hai_phong(),
        "ward": an_phong(),
        "ward_name": "",
        "street": "Số 1",
    }


def _run_parallel(target, n):
    barrier = threading.Barrier(n)
    errors, results = [], []

    def worker(i):
        try:
            barrier.wait()
            results.append(target(i))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_parallel_submissions_get_distinct_consecutive_codes():
    procedure = ProcedureFactory()
    doc = RequiredDocumentFactory(procedure=procedure)
    staged = [_stage() for _ in range(THREADS)]

    def submit(i):
        dossier, created = dossier_submit(
            procedure=procedure,
            applicant=_applicant(),
            answers={},
            documents=[(doc, staged[i])],
            consent_at=timezone.now(),
            notice_version="2026.1",
            submission_token=str(uuid.uuid4()),
            tracking_token=uuid.uuid4().hex + uuid.uuid4().hex,
        )
        return dossier.code

    codes, errors = _run_parallel(submit, THREADS)
    assert errors == []
    assert len(set(codes)) == THREADS
    sequences = sorted(int(c.rsplit("-", 1)[1]) for c in codes)
    assert sequences == list(range(1, THREADS + 1))
    assert DossierDocument.objects.count() == THREADS


def test_parallel_double_submit_of_one_token_makes_one_dossier():
    procedure = ProcedureFactory()
    doc = RequiredDocumentFactory(procedure=procedure)
    token = str(uuid.uuid4())
    tracking = uuid.uuid4().hex + uuid.uuid4().hex
    staged = [_stage() for _ in range(4)]

    def submit(i):
        dossier, _created = dossier_submit(
            procedure=procedure,
            applicant=_applicant(),
            answers={},
            documents=[(doc, staged[i])],
            consent_at=timezone.now(),
            notice_version="2026.1",
            submission_token=token,
            tracking_token=tracking,
        )
        return dossier.pk

    pks, errors = _run_parallel(submit, 4)
    assert errors == []
    assert len(set(pks)) == 1 and Dossier.objects.count() == 1
    assert DossierDocument.objects.count() == 1
    # The losers' copies were removed: only the winner's final file remains.
    dirs, _ = private_storage.listdir("dossiers")
    finals = []
    for year in dirs:
        for month in private_storage.listdir(f"dossiers/{year}")[0]:
            finals += private_storage.listdir(f"dossiers/{year}/{month}")[1]
    assert len(finals) == 1


def test_parallel_code_counter_alone():
    from django.db import transaction

    def one(_i):
        with transaction.atomic():
            return next_dossier_code()

    codes, errors = _run_parallel(one, THREADS)
    assert errors == [] and len(set(codes)) == THREADS
    prefix = f"{settings.DOSSIER_UNIT_CODE}-{timezone.localdate():%y%m%d}-"
    assert all(code.startswith(prefix) for code in codes)
    sequences = sorted(int(c.rsplit("-", 1)[1]) for c in codes)
    assert sequences == list(range(1, THREADS + 1))
