"""An officer uploads a signed result on the dossier's admin page; the resident opens the
tracking page, sees who signed it, and downloads it (results delivered electronically)."""

import pytest

from procedures.constants import DossierStatus as S
from procedures.models.dossiers import hash_tracking_token
from results.models import ResultDelivery
from staff import roles
from tests.browser.test_procedures import load_places
from tests.browser.test_staff import log_in
from tests.procedures.factories import DossierFactory, ProcedureFactory, ProcedureFieldFactory
from tests.results.signing import SIGNER_NAME, SigningPki, plain_pdf
from tests.staff.fixtures import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TOKEN = "bi-mat-ket-qua-" + "y" * 40


def test_officer_uploads_resident_downloads(ward, browser_page, assert_clean, axe_check, tmp_path):
    load_places()
    roles.sync_roles()
    field = ProcedureFieldFactory(name="Hộ tịch", slug="ho-tich")
    procedure = ProcedureFactory(name="Đăng ký khai sinh", field=field, processing_days=3)
    dossier = DossierFactory(
        procedure=procedure,
        email="an@example.com",
        tracking_token_hash=hash_tracking_token(TOKEN),
        status_path=[S.ACCEPTED, S.PROCESSING],
    )
    make_staff(roles.OFFICER, field, username="chuyenvien")
    signed = tmp_path / "giay-khai-sinh.pdf"
    # Signed in a thread of its own: Playwright's event loop runs in this one.
    signed.write_bytes(SigningPki(tmp_path).sign(plain_pdf()))

    officer = browser_page(width=1280)
    log_in(officer, "chuyenvien")
    officer.goto(f"/quan-tri/procedures/dossier/{dossier.pk}/change/")
    officer.get_by_label("Tệp kết quả (PDF)").set_input_files(str(signed))
    officer.get_by_role("button", name="Cập nhật kết quả").click()
    officer.wait_for_url("**/change/#ket-qua")
    assert "Đã cập nhật kết quả" in officer.content()
    assert f"Ký số bởi {SIGNER_NAME}" in officer.content()
    assert "Đã xử lý xong" in officer.content()
    assert_clean(officer)

    resident = browser_page(width=390)
    resident.goto(f"/tra-cuu/h/{TOKEN}/")
    resident.wait_for_url("**/tra-cuu/ho-so/")
    assert f"Ký số bởi {SIGNER_NAME}" in resident.content()
    assert "chưa được đối chiếu với chứng thư gốc tin cậy" in resident.content()
    axe_check(resident)
    assert_clean(resident)
    with resident.expect_download() as info:
        resident.get_by_role("link", name="Tải kết quả").click()
    download = info.value
    assert download.suggested_filename == f"ket-qua-{dossier.code}.pdf"
    assert open(download.path(), "rb").read() == signed.read_bytes()

    dossier.refresh_from_db()
    assert dossier.status == S.RETURNED
    assert ResultDelivery.objects.get(dossier=dossier).delivered_online
    resident.reload()
    assert "Đã trả kết quả: Công dân tải về trực tuyến" in resident.content()
