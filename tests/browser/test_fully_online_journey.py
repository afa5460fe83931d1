"""The whole journey of a dossier handled fully online, in a browser: the resident submits
it online and sees its fee, pays on the development gateway, the officer uploads the
result in the admin, the resident downloads it; the dossier then counts as fully online."""

import pytest

from payments.models import Payment
from procedures import fully_online
from procedures.constants import DossierStatus as S
from procedures.models import Dossier, FeeRule
from procedures.workflow import dossier_transition
from staff import roles
from tests.browser.test_procedures import load_places
from tests.browser.test_staff import log_in
from tests.procedures.factories import (
    ProcedureFactory,
    ProcedureFieldFactory,
    RequiredDocumentFactory,
    pdf_bytes,
)
from tests.results.signing import plain_pdf
from tests.staff.fixtures import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_submit_pay_receive_online(ward, browser_page, assert_clean, tmp_path):
    load_places()
    roles.sync_roles()
    field = ProcedureFieldFactory(name="Hộ tịch", slug="ho-tich")
    procedure = ProcedureFactory(name="Đăng ký kết hôn", field=field, processing_days=3)
    RequiredDocumentFactory(procedure=procedure, name="Tờ khai đăng ký kết hôn")
    FeeRule.objects.create(procedure=procedure, label="Lệ phí đăng ký kết hôn", amount=30000)
    make_staff(roles.OFFICER, field, username="chuyenvien")
    leader = make_staff(roles.LEADER, username="lanhdao")
    form_pdf = tmp_path / "to-khai.pdf"
    form_pdf.write_bytes(pdf_bytes())
    result_pdf = tmp_path / "giay-chung-nhan.pdf"
    result_pdf.write_bytes(plain_pdf())

    # The resident submits online; the check page shows the fee.
    resident = browser_page(width=390)
    resident.goto(f"/thu-tuc/{procedure.slug}/nop-ho-so/")
    resident.get_by_label("Họ, chữ đệm và tên").fill("Nguyễn Văn An")
    resident.get_by_label("Số định danh cá nhân").fill("031090001234")
    resident.get_by_label("Ngày sinh").fill("17/05/1990")
    resident.get_by_label("Nam", exact=True).check()
    resident.get_by_label("Số điện thoại di động").fill("0912 345 678")
    resident.get_by_label("Tỉnh, thành phố").select_option(label="Thành phố Hải Phòng")
    resident.get_by_label("Xã, phường, đặc khu").select_option(label="Phường An Phong")
    resident.get_by_label("Số nhà, đường phố").fill("Số 1, tổ dân phố 2")
    resident.get_by_role("button", name="Tiếp tục", exact=True).click()
    resident.get_by_label("Tờ khai đăng ký kết hôn").set_input_files(str(form_pdf))
    resident.get_by_role("button", name="Tải lên và tiếp tục").click()
    resident.get_by_role("checkbox").check()
    resident.get_by_role("button", name="Tiếp tục", exact=True).click()
    assert "30.000" in resident.content()
    resident.get_by_role("button", name="Đồng ý và gửi hồ sơ").click()
    resident.get_by_role("link", name="Theo dõi hồ sơ").click()
    dossier = Dossier.objects.get()
    assert dossier.fee_due == 30000
    assert_clean(resident)

    # The fee, paid on the development gateway (VNPAY's protocol, no money moves).
    resident.get_by_role("button", name="Nộp phí trực tuyến").click()
    resident.locator("[data-dev-gateway]").wait_for()
    resident.get_by_role("button", name="Thanh toán thành công").click()
    resident.locator("[data-payment-paid]").wait_for()
    assert Payment.objects.get().status == "paid"
    resident.get_by_role("link", name="Về trang theo dõi hồ sơ").click()
    assert "0 đồng" in resident.locator("[data-outstanding]").inner_text()

    # The desk accepts it; the officer uploads the result in the admin.
    dossier_transition(dossier=dossier, to_status=S.ACCEPTED, actor=leader)
    dossier_transition(dossier=dossier, to_status=S.PROCESSING, actor=leader)
    officer = browser_page(width=1280)
    log_in(officer, "chuyenvien")
    officer.goto(f"/quan-tri/procedures/dossier/{dossier.pk}/change/")
    officer.get_by_label("Tệp kết quả (PDF)").set_input_files(str(result_pdf))
    officer.get_by_role("button", name="Cập nhật kết quả").click()
    officer.wait_for_url("**/change/#ket-qua")

    # The resident downloads it from the tracking page.
    resident.reload()
    with resident.expect_download() as info:
        resident.get_by_role("link", name="Tải kết quả").click()
    assert open(info.value.path(), "rb").read() == result_pdf.read_bytes()
    assert_clean(resident)

    dossier.refresh_from_db()
    assert dossier.status == S.RETURNED
    assert fully_online.facts(dossier) == (True, [])
    resident.goto("/thong-ke/")
    assert "1 hồ sơ được xử lý trực tuyến toàn trình" in resident.content()
