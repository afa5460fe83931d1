"""Desk appointments in a browser: a resident books a slot from a procedure's page at phone
width (a mistake first), keeps the code and link, and cancels through the link; the
reception sees the booking in the admin. Every page: one h1, no console error or CSP
violation, no serious axe-core violation."""

import re

import pytest
from django.utils import timezone

from appointments.models import Appointment
from staff import roles
from tests.appointments.factories import AppointmentFactory
from tests.browser.test_counter import axe
from tests.browser.test_procedures import check_page
from tests.browser.test_staff import log_in
from tests.procedures.factories import ProcedureFactory, ProcedureFieldFactory
from tests.staff.fixtures import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_resident_books_and_cancels_a_desk_appointment(
    ward, browser_page, assert_clean, axe_check
):
    roles.sync_roles()
    field = ProcedureFieldFactory(name="Chứng thực", slug="chung-thuc-lh")
    procedure = ProcedureFactory(name="Chứng thực bản sao từ bản chính", field=field)
    make_staff(roles.RECEPTION, field, username="tiepnhan_lh")

    page = browser_page(width=390)
    page.goto(procedure.get_absolute_url())
    page.get_by_role("link", name="Đặt lịch hẹn tại Bộ phận một cửa").click()
    page.wait_for_url("**/dat-lich-hen/**")
    check_page(page, axe_check, assert_clean)

    # Another day from the picker, then the first free slot of that day.
    days = page.locator("nav .appt-days a")
    if days.count() > 1:
        days.nth(1).click()
        page.wait_for_url("**?ngay=*")
    page.locator("input[name=slot]").first.check()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    page.get_by_role("button", name="Đặt lịch hẹn").click()  # no consent: refused
    page.locator("[data-error-summary]").wait_for()
    assert page.get_by_label("Họ và tên").input_value() == "Nguyễn Văn An"
    check_page(page, axe_check, assert_clean)

    page.locator("input[name=slot]").first.check()
    page.get_by_label("Tôi đã đọc và đồng ý").check()
    page.get_by_role("button", name="Đặt lịch hẹn").click()
    page.wait_for_url("**/dat-lich-hen/da-dat/")
    check_page(page, axe_check, assert_clean)
    appointment = Appointment.objects.get(phone="+84912345678")
    assert page.locator("[data-code]").inner_text() == appointment.code
    link = page.locator("[data-manage-link]").get_attribute("href")
    assert re.search(r"/dat-lich-hen/quan-ly/[\w-]+/$", link)

    walk_in = AppointmentFactory(procedure=procedure, starts_at=timezone.now())
    desk = browser_page(width=1280)
    log_in(desk, "tiepnhan_lh")
    desk.goto("/quan-tri/appointments/appointment/?ngay=all")
    assert desk.get_by_text(appointment.code).count() == 1
    assert desk.locator("h1").count() == 1
    assert_clean(desk)
    axe(desk, axe_check)
    desk.locator(f"a[href$='/{walk_in.pk}/da-den/']").click()
    assert desk.locator("h1").count() == 1
    assert_clean(desk)
    axe(desk, axe_check)
    desk.get_by_role("button", name="Đã đến").click()
    desk.get_by_text("đã đến.").first.wait_for()
    walk_in.refresh_from_db()
    assert walk_in.status == "arrived"

    page.goto(link)
    check_page(page, axe_check, assert_clean)
    page.get_by_role("button", name="Hủy lịch hẹn").click()
    page.get_by_text("Đã hủy lịch hẹn.").wait_for()
    check_page(page, axe_check, assert_clean)
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
