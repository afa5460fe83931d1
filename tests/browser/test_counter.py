"""The desk registers a dossier a resident brought in person, at desktop width: a
validation error first (summary focused, values kept), then success and form 01. Every
page is checked for CSP violations and console errors, the form for serious axe-core
violations."""

import pytest

from procedures.constants import Channel
from procedures.constants import DossierStatus as S
from procedures.models import Dossier
from staff import roles
from tests.browser.test_procedures import load_places
from tests.browser.test_staff import log_in
from tests.procedures.factories import (
    ProcedureFactory,
    ProcedureFieldFactory,
    RequiredDocumentFactory,
    hai_phong,
    pdf_bytes,
)
from tests.staff.fixtures import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def axe(page, axe_check):
    """Run axe-core after the page's own check: the admin's CSP blocks (and logs) the
    inline styles axe-core itself injects, which say nothing about the page."""
    axe_check(page)
    page.errors.clear()


def test_desk_registers_an_in_person_dossier(ward, browser_page, assert_clean, axe_check):
    load_places()
    roles.sync_roles()
    field = ProcedureFieldFactory(name="Hộ tịch", slug="ho-tich")
    procedure = ProcedureFactory(name="Đăng ký khai sinh", field=field, processing_days=3)
    scan = RequiredDocumentFactory(procedure=procedure, name="Tờ khai đăng ký khai sinh")
    paper = RequiredDocumentFactory(procedure=procedure, name="Giấy chứng sinh")
    make_staff(roles.RECEPTION, field, username="tiepnhan")

    desk = browser_page(width=1280)
    log_in(desk, "tiepnhan")
    desk.goto("/quan-tri/procedures/dossier/")
    desk.get_by_role("link", name="Tiếp nhận hồ sơ trực tiếp").click()
    desk.get_by_label("Thủ tục hành chính").select_option(label=procedure.name)
    desk.get_by_role("button", name="Chọn").click()
    desk.wait_for_url("**/tiep-nhan-truc-tiep/?thu-tuc=*")
    assert desk.locator("h1").count() == 1
    assert_clean(desk)
    axe(desk, axe_check)

    desk.get_by_label("Họ, chữ đệm và tên").fill("nguyễn  văn an")
    desk.get_by_label("Số định danh cá nhân").fill("031090001234")
    desk.get_by_label("Ngày sinh").fill("05/17/1990")  # month first: refused
    desk.get_by_label("Nam", exact=True).check()
    desk.get_by_label("Số điện thoại di động").fill("0912 345 678")
    desk.locator("#id_province").select_option(str(hai_phong().pk))
    # The ward list follows the province (static/js/forms.js).
    desk.locator("#id_ward").select_option(label="Phường An Phong")
    desk.get_by_label("Số nhà, đường phố, tổ dân phố hoặc thôn").fill("Số 1, tổ dân phố 2")
    desk.locator(f"#id_doc_{scan.pk}").set_input_files(
        files=[{"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    desk.locator(f"#id_paper_{paper.pk}").check()
    desk.locator("#id_consent").check()
    desk.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    desk.wait_for_load_state()

    summary = desk.locator("[data-error-summary]")
    assert "Nhập ngày theo dạng ngày/tháng/năm" in summary.inner_text()
    assert desk.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert desk.get_by_label("Họ, chữ đệm và tên").input_value() == "nguyễn  văn an"
    assert "Đã nhận tệp “to-khai.pdf”" in desk.content()  # the scan is kept
    assert not Dossier.objects.exists()
    assert_clean(desk)
    axe(desk, axe_check)

    desk.get_by_label("Ngày sinh").fill("17/05/1990")
    desk.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    desk.wait_for_url("**/change/")
    dossier = Dossier.objects.get()
    assert dossier.channel == Channel.IN_PERSON and dossier.status == S.ACCEPTED
    assert dossier.code in desk.content() and "Trực tiếp" in desk.content()
    assert_clean(desk)

    desk.get_by_role("link", name="In giấy tiếp nhận (mẫu 01)").first.click()
    desk.wait_for_url("**/in/01/")
    assert "Giấy chứng sinh (bản giấy)" in desk.content()
    assert_clean(desk)
