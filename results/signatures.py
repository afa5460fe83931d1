"""What a result's digital signatures say, read with pyHanko's validation API.

For each signature embedded in the PDF, `pyhanko.sign.validation.validate_pdf_signature`
reports whether the signed bytes are unchanged (`intact`, `valid`), how much of the file
the signature covers and whether later revisions changed the document (`coverage`,
`modification_level`), and whether the signer's certificate chains to one of the trust
roots in settings.RESULT_SIGNATURE_TRUST_ROOTS. Without a configured root (the national
root CA is not available offline) the trust is reported as not checked, never as trusted.
Nothing is fetched from the network: revocation is not checked here.
"""

import asyncio
import io
import logging
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from asn1crypto import pem, x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

with warnings.catch_warnings():
    # pyHanko imports cryptography's DSA names; DSA itself is never used here.
    warnings.simplefilter("ignore")
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)


class _NoPathFilter(logging.Filter):
    """pyHanko logs a warning with a traceback for every signer it cannot chain to a root:
    the normal case while no root is configured, and recorded in the report anyway."""

    def filter(self, record):
        return not str(record.msg).startswith("Failed to build path")


logging.getLogger("pyhanko.sign.validation.generic_cms").addFilter(_NoPathFilter())

# Revisions after the signature that only add validation data keep it "unchanged".
UNCHANGED = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)


@dataclass
class SignatureReport:
    """The facts kept about a result's signatures (the last one speaks for the file)."""

    has_signature: bool = False
    signer: str = ""
    signed_at: object = None  # an aware datetime, or None
    intact: bool | None = None  # None: no signature, or it could not be read
    trusted: bool = False
    trust_checked: bool = False  # whether any trust root was configured
    summary: str = ""
    details: list = field(default_factory=list)


@lru_cache(maxsize=8)
def _load_roots(paths):
    roots = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            raise ImproperlyConfigured(f"RESULT_SIGNATURE_TRUST_ROOTS: cannot read {path}") from exc
        blocks = [der for _type, _headers, der in pem.unarmor(data, multiple=True)]
        if not blocks:
            raise ImproperlyConfigured(f"RESULT_SIGNATURE_TRUST_ROOTS: no PEM in {path}")
        roots.extend(x509.Certificate.load(der) for der in blocks)
    return tuple(roots)


def trust_roots():
    """The certificates of settings.RESULT_SIGNATURE_TRUST_ROOTS (PEM files)."""
    return _load_roots(tuple(settings.RESULT_SIGNATURE_TRUST_ROOTS))


def _signer_name(cert):
    subject = cert.subject.native
    name = subject.get("common_name") or ""
    organisation = subject.get("organization_name") or ""
    if isinstance(organisation, list):
        organisation = ", ".join(organisation)
    if name and organisation and organisation != name:
        return f"{name} ({organisation})"[:300]
    return (name or organisation or cert.subject.human_friendly)[:300]


def _signing_time(status):
    """The time a trusted-or-not timestamp token vouches for, else the signer's claim."""
    timestamp = status.timestamp_validity
    if timestamp is not None and timestamp.intact and timestamp.valid:
        return timestamp.timestamp
    return status.signer_reported_dt


def outside_event_loop(function, *args, **kwargs):
    """Call `function` where asyncio.run() works: pyHanko's synchronous API runs its own
    event loop, which fails in a thread that already runs one (an ASGI worker, a test
    under Playwright's sync API); there it runs in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def _validate(embedded, context):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return validate_pdf_signature(embedded, signer_validation_context=context)


def _one(embedded, roots):
    context = ValidationContext(trust_roots=list(roots), allow_fetching=False)
    status = outside_event_loop(_validate, embedded, context)
    unchanged = status.modification_level in UNCHANGED
    return {
        "signer": _signer_name(status.signing_cert),
        "signed_at": _signing_time(status),
        "intact": bool(status.intact and status.valid and unchanged),
        "trusted": bool(roots) and status.trusted,
        "pyhanko": status.summary(),
    }


def check_signatures(data):
    """Validate every signature embedded in the PDF bytes `data`; return a SignatureReport."""
    roots = trust_roots()
    report = SignatureReport(trust_checked=bool(roots))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
        report.details = [_one(signature, roots) for signature in embedded]
    except (PdfError, ValueError, KeyError, TypeError, OSError) as exc:
        logger.warning("Could not read the signatures of a result PDF: %s", exc)
        report.summary = _("Không đọc được chữ ký số trong tệp (tệp PDF không chuẩn).")
        return report
    if not report.details:
        report.summary = _("Tệp không có chữ ký số.")
        return report
    last = report.details[-1]
    report.has_signature = True
    report.signer = last["signer"]
    report.signed_at = last["signed_at"]
    report.intact = all(d["intact"] for d in report.details)
    report.trusted = report.intact and all(d["trusted"] for d in report.details)
    report.summary = "; ".join(f"{d['signer']}: {d['pyhanko']}" for d in report.details)[:1000]
    return report
