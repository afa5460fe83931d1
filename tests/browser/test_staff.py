"""A dossier goes from submission to result through the admin work queue, and the resident
sees each step on the tracking page (issue 6). Pages are checked for CSP violations and
console errors; the public pages also for serious axe-core violations."""

import re

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from procedures.models.dossiers import hash_tracking_token
from staff import roles
from tests.browser.test_procedures import load_places
from tests.procedures.factories import DossierFactory, ProcedureFactory, ProcedureFieldFactory
from tests.staff.factories import STAFF_PASSWORD
from tests.staff.fixtures import make_staff
from tests.staff.otp import app_device, current_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TOKEN = "bi-mat-tra-cuu-" + "x" * 40
CODE_STEP = re.compile(r"/quan-tri/ma-xac-thuc/(dang-ky|nhap-ma)/")


def log_in(page, username):
    page.goto("/quan-tri/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    pass_code_step(page, username)
    page.wait_for_url("**/quan-tri/")


def pass_code_step(page, username):
    """The log-in's second step (staff.otp), with the code the user's app would show
    (computed from the device's key): on a first log-in the enrolment, QR code page and
    recovery codes included; afterwards the code page."""
    page.wait_for_url(CODE_STEP)
    user = get_user_model().objects.get(username=username)
    if "/dang-ky/" in page.url:
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        page.get_by_label("Mã 6 chữ số trong ứng dụng").fill(current_code(device))
        page.get_by_role("button", name="Xác nhận").click()
        page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    else:
        field = page.get_by_label("Mã trong ứng dụng hoặc mã dự phòng")
        field.fill(current_code(app_device(user)))
        page.get_by_role("button", name="Xác nhận").click()


def take_step(page, dossier_url, action, note=None):
    page.goto(dossier_url)
    page.get_by_role("link", name=action, exact=True).click()
    if note is not None:
        page.get_by_label("Ghi chú gửi công dân").fill(note)
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(f"**{dossier_url}")


def test_dossier_from_submission_to_result(ward, browser_page, assert_clean, axe_check):
    # An earlier browser test's flush may have emptied the migrations' data.
    load_places()
    roles.sync_roles()
    field = ProcedureFieldFactory(name="Hộ tịch", slug="ho-tich")
    procedure = ProcedureFactory(name="Đăng ký khai sinh", field=field, processing_days=3)
    dossier = DossierFactory(
        procedure=procedure,
        email="an@example.com",
        tracking_token_hash=hash_tracking_token(TOKEN),
    )
    make_staff(roles.RECEPTION, field, username="tiepnhan")
    make_staff(roles.OFFICER, field, username="chuyenvien")
    dossier_url = f"/quan-tri/procedures/dossier/{dossier.pk}/change/"

    resident = browser_page(width=390)

    def resident_sees(status):
        resident.goto(f"/tra-cuu/h/{TOKEN}/")
        resident.wait_for_url("**/tra-cuu/ho-so/")
        assert status in resident.content(), status
        return resident

    page = resident_sees("Mới đăng ký")
    axe_check(page)
    assert_clean(page)

    desk = browser_page(width=1280)
    log_in(desk, "tiepnhan")
    desk.goto("/quan-tri/procedures/dossier/?han=&status__exact=1")
    assert dossier.code in desk.content()
    assert_clean(desk)
    take_step(desk, dossier_url, "Tiếp nhận hồ sơ")
    assert "Được tiếp nhận" in desk.content()
    assert_clean(desk)
    page = resident_sees("Được tiếp nhận")
    dossier.refresh_from_db()
    assert dossier.due_date.strftime("%d/%m/%Y") in page.content()

    officer = browser_page(width=1280)
    log_in(officer, "chuyenvien")
    take_step(officer, dossier_url, "Chuyển xử lý")
    resident_sees("Đang xử lý")
    take_step(officer, dossier_url, "Đã xử lý xong")
    resident_sees("Đã xử lý xong")
    assert_clean(officer)

    take_step(desk, dossier_url, "Đã trả kết quả")
    page = resident_sees("Đã trả kết quả")
    axe_check(page)
    assert_clean(page)

    # The control sheet (form 05) prints the whole history without inline styles or scripts.
    desk.goto(f"/quan-tri/procedures/dossier/{dossier.pk}/in/06/")
    assert desk.locator("h1").count() == 1
    assert desk.locator(".sheet__table").first.locator("tbody tr").count() == 5
    assert_clean(desk)

    # Each public step was e-mailed to the resident and delivered.
    from notifications.models import Notification, NotificationStatus

    sent = Notification.objects.for_object(dossier)
    assert sent.count() == 4
    assert set(sent.values_list("status", flat=True)) == {NotificationStatus.SENT}

    # The public statistics count the dossier.
    stats = browser_page(width=390)
    stats.goto("/thong-ke/")
    assert stats.locator("h1").count() == 1
    assert stats.locator(".stats-chart svg[role=img]").count() == 2  # targets: own test
    axe_check(stats)
    assert_clean(stats)
