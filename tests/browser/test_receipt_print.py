"""The dossier receipt in a real browser (issue 14, item 7): printed, it is one A4 sheet
without the site's header, menu, breadcrumbs or footer; at phone width its PDF button
downloads the receipt as a file."""

import re

import pytest

from procedures.constants import DossierStatus
from procedures.models import DossierDocument
from tests.procedures.factories import DossierFactory, load_places

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _open_receipt(page, dossier):
    page.goto("/tra-cuu/")
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_label("Số điện thoại đã khai khi nộp").fill("0912 345 678")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.url.endswith("/tra-cuu/ho-so/")
    page.goto("/tra-cuu/ho-so/bien-nhan/")
    assert page.locator(".receipt__qr svg").count() == 1


def test_receipt_prints_on_one_sheet_and_downloads_as_pdf(ward, browser_page, assert_clean):
    load_places()
    dossier = DossierFactory(status_path=[DossierStatus.ACCEPTED])
    for n in range(6):
        DossierDocument.objects.create(
            dossier=dossier, document_name=f"Giấy tờ số {n} của thủ tục", on_paper=True
        )
    page = browser_page(width=390, height=844)
    _open_receipt(page, dossier)
    assert_clean(page)

    page.emulate_media(media="print")
    for part in (".site-header", ".site-nav", ".site-breadcrumbs", ".site-footer"):
        assert page.locator(part).first.is_hidden(), part
    assert page.locator(".receipt-actions").is_hidden()
    assert page.locator(".receipt").is_visible()
    printed = page.pdf(prefer_css_page_size=True)
    assert re.findall(rb"/Count\s+(\d+)", printed) == [b"1"]

    page.emulate_media(media="screen")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải giấy tiếp nhận (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"giay-tiep-nhan-{dossier.code}.pdf"
    with open(download.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
