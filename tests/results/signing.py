"""A test CA, a signer certificate issued by it, and PDFs signed with pyHanko's signer."""

import datetime as dt
import io
import warnings

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fpdf import FPDF

from results.signatures import outside_event_loop

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

SIGNER_NAME = "Nguyen Van Ky"
SIGNER_ORG = "UBND phuong An Phong"
TEXT = "KET QUA GIAI QUYET THU TUC HANH CHINH"


def _name(common_name, organisation):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _cert(subject, issuer, public_key, issuer_key, *, ca):
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(issuer_key, hashes.SHA256())


class SigningPki:
    """A root CA ("Test Root CA") and a signer certificate it issued, written as PEM files."""

    def __init__(self, folder):
        root_key = ec.generate_private_key(ec.SECP256R1())
        root_name = _name("Test Root CA", "Test CA")
        root = _cert(root_name, root_name, root_key.public_key(), root_key, ca=True)
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _cert(
            _name(SIGNER_NAME, SIGNER_ORG), root_name, key.public_key(), root_key, ca=False
        )
        self.root_pem = folder / "root.pem"
        self.key_pem = folder / "signer-key.pem"
        self.cert_pem = folder / "signer.pem"
        self.root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
        self.cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        self.key_pem.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )

    def signer(self):
        return signers.SimpleSigner.load(
            str(self.key_pem), str(self.cert_pem), ca_chain_files=(str(self.root_pem),)
        )

    def sign(self, data):
        """`data` (a PDF) signed with the signer's key, as pyHanko signs a document (in a
        thread of its own when Playwright's loop runs in this one: results.signatures)."""
        return outside_event_loop(self._sign, data)

    def _sign(self, data):
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        out = signers.sign_pdf(
            writer,
            signers.PdfSignatureMetadata(field_name="ChuKySo"),
            signer=self.signer(),
        )
        return out.getvalue()


def plain_pdf(text=TEXT):
    """A one-page PDF with `text` in an uncompressed content stream (readable bytes)."""
    pdf = FPDF()
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=text)
    return bytes(pdf.output())
