"""Residents' reports in a browser: the sender's journey at phone width (a mistake, the
check page, the code and link, tracking) and the officer's and leader's in the admin (the
queue, the moves, the public answer). Every page is checked for console errors, CSP
violations and serious axe-core violations."""

import pytest

from feedback.constants import FeedbackStatus as S
from feedback.models import Feedback, Topic
from staff import roles
from tests.browser.test_counter import axe
from tests.browser.test_procedures import check_page
from tests.browser.test_staff import log_in
from tests.feedback.conftest import submit
from tests.procedures.factories import image_bytes
from tests.staff.fixtures import make_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def topic():
    """The topic of the data migration (a transactional test's flush may have removed it)."""
    return Topic.objects.get_or_create(slug="trat-tu-do-thi", defaults={"name": "Trật tự đô thị"})[
        0
    ]


def test_a_resident_sends_and_tracks_a_report(
    ward, browser_page, assert_clean, axe_check, tmp_path
):
    topic()
    photo = tmp_path / "via-he.png"
    photo.write_bytes(image_bytes(size=(800, 600)))
    page = browser_page(width=390)
    page.goto("/phan-anh-kien-nghi/")
    check_page(page, axe_check, assert_clean)
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    check_page(page, axe_check, assert_clean)

    page.get_by_label("Lĩnh vực").select_option(label="Trật tự đô thị")
    page.get_by_label("Tiêu đề").fill("Lấn chiếm vỉa hè")
    page.get_by_label("Nội dung phản ánh, kiến nghị").fill("Cửa hàng bày hàng kín vỉa hè.")
    page.get_by_label("Ảnh (nếu có)").set_input_files(str(photo))
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Số điện thoại di động").fill("0225 3123 456")  # a landline: refused
    page.get_by_label("Tôi đã đọc và đồng ý").check()
    page.get_by_role("button", name="Tiếp tục").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.get_by_label("Tiêu đề").input_value() == "Lấn chiếm vỉa hè"
    assert "Đã giữ 1 ảnh" in page.content()
    check_page(page, axe_check, assert_clean)

    page.get_by_label("Số điện thoại di động").fill("0912 345 678")
    page.get_by_label("Tôi đã đọc và đồng ý").check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url("**/gui/kiem-tra/")
    assert "via-he.png" in page.content()
    check_page(page, axe_check, assert_clean)
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/gui/da-gui/")
    check_page(page, axe_check, assert_clean)
    item = Feedback.objects.get()
    assert item.code in page.locator("[data-code]").inner_text()
    assert item.photos.count() == 1

    page.get_by_role("link", name="Xem tiến độ").click()
    check_page(page, axe_check, assert_clean)
    assert "Đã tiếp nhận" in page.content()

    other = browser_page(width=390)
    other.goto("/phan-anh-kien-nghi/tra-cuu/")
    check_page(other, axe_check, assert_clean)
    other.get_by_label("Mã phản ánh").fill(item.code)
    other.get_by_label("Số điện thoại đã dùng khi gửi").fill("0912345678")
    other.get_by_role("button", name="Tra cứu").click()
    other.wait_for_url(f"**/tra-cuu/{item.code}/")
    check_page(other, axe_check, assert_clean)


def test_an_officer_answers_and_a_leader_publishes(ward, browser_page, assert_clean, axe_check):
    roles.sync_roles()
    item, _token = submit(topic())
    make_staff(roles.OFFICER, username="chuyenvien")
    make_staff(roles.LEADER, username="lanhdao")

    desk = browser_page(width=1280)
    log_in(desk, "chuyenvien")
    desk.goto("/quan-tri/feedback/feedback/")
    axe(desk, axe_check)
    desk.get_by_role("link", name=item.code).click()
    axe(desk, axe_check)
    desk.get_by_role("link", name="Nhận xử lý").click()
    axe(desk, axe_check)
    desk.get_by_role("button", name="Nhận xử lý").click()
    desk.wait_for_url(f"**/feedback/feedback/{item.pk}/change/")
    desk.get_by_label("Tiêu đề công khai").fill("Bày hàng lấn chiếm vỉa hè")
    desk.get_by_label("Nội dung công khai (đã biên tập)").fill("Một cửa hàng bày hàng kín vỉa hè.")
    desk.get_by_label("Nội dung trả lời").fill("Tổ trật tự đô thị đã yêu cầu thu dọn.")
    desk.get_by_label("Cơ quan trả lời").fill("Ủy ban nhân dân phường An Phong")
    desk.locator("input[name=_continue]").click()
    desk.get_by_role("link", name="Trình lãnh đạo duyệt trả lời").click()
    desk.get_by_role("button", name="Trình lãnh đạo duyệt trả lời").click()
    desk.wait_for_url(f"**/feedback/feedback/{item.pk}/change/")
    assert_clean(desk)

    leader = browser_page(width=1280)
    log_in(leader, "lanhdao")
    leader.goto(f"/quan-tri/feedback/feedback/{item.pk}/change/")
    leader.get_by_role("link", name="Duyệt và gửi trả lời").click()
    axe(leader, axe_check)
    leader.get_by_role("button", name="Duyệt và gửi trả lời").click()
    leader.wait_for_url(f"**/feedback/feedback/{item.pk}/change/")
    item.refresh_from_db()
    assert item.status == S.ANSWERED and item.is_published

    public = browser_page(width=390)
    public.goto(item.get_absolute_url())
    check_page(public, axe_check, assert_clean)
    assert "Tổ trật tự đô thị đã yêu cầu thu dọn." in public.content()
    assert "Nguyễn Văn An" not in public.content()
