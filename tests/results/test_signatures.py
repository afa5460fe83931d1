"""What a result's digital signature says: signed and intact, altered, unsigned, trusted."""

import datetime as dt
import io
import warnings

import pytest

from results.signatures import check_signatures
from tests.results.signing import SIGNER_NAME, SIGNER_ORG, plain_pdf

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pyhanko.pdf_utils.generic import NameObject, TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def test_signed_intact_pdf_names_signer_and_time(signed_pdf):
    report = check_signatures(signed_pdf)
    assert report.has_signature
    assert report.signer == f"{SIGNER_NAME} ({SIGNER_ORG})"
    assert abs(report.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert report.intact is True
    # No trust root configured: intact, but never called trusted.
    assert (report.trusted, report.trust_checked) == (False, False)


def test_bytes_changed_after_signing_are_reported_as_altered(signed_pdf):
    altered = signed_pdf.replace(b"KET QUA", b"KAT QUA")
    assert altered != signed_pdf and len(altered) == len(signed_pdf)
    report = check_signatures(altered)
    assert report.has_signature and report.intact is False and not report.trusted


def test_a_revision_added_after_signing_that_changes_the_page_is_altered(signed_pdf):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[NameObject("/Rotate")] = TextStringObject("90")
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    report = check_signatures(out.getvalue())
    assert report.has_signature and report.intact is False


def test_unsigned_pdf_says_no_signature():
    report = check_signatures(plain_pdf())
    assert (report.has_signature, report.intact, report.signer) == (False, None, "")
    assert report.summary == "Tệp không có chữ ký số."


def test_configured_trust_root_makes_the_signer_trusted(signed_pdf, pki, settings):
    settings.RESULT_SIGNATURE_TRUST_ROOTS = [str(pki.root_pem)]
    report = check_signatures(signed_pdf)
    assert (report.intact, report.trusted, report.trust_checked) == (True, True, True)


def test_a_root_that_did_not_issue_the_signer_is_checked_but_not_trusted(
    signed_pdf, tmp_path, settings
):
    from tests.results.signing import SigningPki

    folder = tmp_path / "other"
    folder.mkdir()
    other = SigningPki(folder)
    settings.RESULT_SIGNATURE_TRUST_ROOTS = [str(other.root_pem)]
    report = check_signatures(signed_pdf)
    assert (report.intact, report.trusted, report.trust_checked) == (True, False, True)


def test_a_missing_trust_root_file_fails_loudly(signed_pdf, tmp_path, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.RESULT_SIGNATURE_TRUST_ROOTS = [str(tmp_path / "khong-co.pem")]
    with pytest.raises(ImproperlyConfigured):
        check_signatures(signed_pdf)
