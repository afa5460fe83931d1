"""The dossier work queue in the admin: permission matrix, actions, downloads, printable
forms, the register export, search, filters and query budgets."""

import csv
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from procedures.constants import DossierStatus as S
from procedures.models import DossierDocument
from procedures.storage import private_storage
from procedures.validators import display_mobile
from procedures.workflow import dossier_transition
from staff.models import AuditEntry
from tests.procedures.factories import DossierFactory, ProcedureFactory, RequiredDocumentFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:procedures_dossier_changelist")
ADMIN_INDEX = reverse("admin:index")


def change_url(d):
    return reverse("admin:procedures_dossier_change", args=[d.pk])


def with_document(dossier, data=b"%PDF-1.4 test", name="giay-khai-sinh.pdf"):
    stored = private_storage.save("dossiers/test.pdf", ContentFile(data))
    return DossierDocument.objects.create(
        dossier=dossier,
        document_name="Tờ khai",
        file=stored,
        original_name=name,
        content_type="application/pdf",
        size=len(data),
        sha256="0" * 64,
    )


@pytest.fixture
def dossier(procedure_a):
    d = DossierFactory(procedure=procedure_a, email="an@example.com")
    with_document(d)
    return d


def page_urls(d):
    doc = d.documents.first()
    return [
        change_url(d),
        reverse("admin:procedures_dossier_history", args=[d.pk]),
        reverse("admin:procedures_dossier_download", args=[d.pk, doc.pk]),
        reverse("admin:procedures_dossier_print", args=[d.pk, "06"]),
    ]


class TestPermissionMatrix:
    """Anonymous → log-in page; other field → 404 (no hint the dossier exists; the admin's
    own change and history pages answer a missing object with a redirect to the index);
    right field → 200; leader → 200 for every field."""

    def test_anonymous_goes_to_login(self, client, dossier):
        for url in [CHANGELIST, *page_urls(dossier)]:
            response = client.get(url)
            assert response.status_code == 302, url
            assert "/quan-tri/login/" in response["Location"]

    def test_other_field_is_refused(self, client, dossier, other_officer):
        client.force_login(other_officer)
        change, history, download, sheet = page_urls(dossier)
        # The admin redirects a missing object to its index with a message: never shows it.
        for url in (change, history):
            response = client.get(url)
            assert (response.status_code, response["Location"]) == (302, ADMIN_INDEX), url
        for url in (download, sheet):
            assert client.get(url).status_code == 404, url
        assert dossier.applicant_name not in client.get(change_url(dossier), follow=True).text
        assert dossier.code not in client.get(CHANGELIST).text

    @pytest.mark.parametrize("who", ["officer", "reception", "leader"])
    def test_right_field_and_leader_see_it(self, client, dossier, who, request):
        client.force_login(request.getfixturevalue(who))
        for url in page_urls(dossier):
            assert client.get(url).status_code == 200, url
        assert dossier.code in client.get(CHANGELIST).text

    def test_staff_without_role_is_forbidden(self, client, dossier):
        from tests.staff.factories import UserFactory

        client.force_login(UserFactory(staff=True))
        assert client.get(CHANGELIST).status_code == 403
        change, history, download, sheet = page_urls(dossier)
        for url in (change, download, sheet):
            assert client.get(url).status_code == 403, url
        # Django's history view looks the object up before checking the permission: a
        # dossier out of reach reads as missing (redirect to the index), never as shown.
        response = client.get(history)
        assert (response.status_code, response["Location"]) == (302, ADMIN_INDEX)

    def test_other_field_cannot_post_a_transition(self, client, dossier, other_officer):
        client.force_login(other_officer)
        url = reverse("admin:procedures_dossier_transition", args=[dossier.pk, int(S.ACCEPTED)])
        assert client.post(url, {}).status_code == 404
        dossier.refresh_from_db()
        assert dossier.status == S.NEW

    def test_officer_cannot_take_a_reception_step(self, client, dossier, officer):
        client.force_login(officer)
        url = reverse("admin:procedures_dossier_transition", args=[dossier.pk, int(S.ACCEPTED)])
        assert client.post(url, {}).status_code == 403

    def test_other_field_bulk_actions_do_nothing(self, client, dossier, other_officer, leader):
        client.force_login(other_officer)
        response = client.post(
            CHANGELIST, {"action": "assign_to_me", "_selected_action": [dossier.pk]}
        )
        assert (response.status_code, response["Location"]) == (302, CHANGELIST)
        dossier.refresh_from_db()
        assert dossier.assigned_to is None

    def test_export_needs_its_permission(self, client, dossier, officer):
        client.force_login(officer)
        response = client.post(
            CHANGELIST, {"action": "export_register", "_selected_action": [dossier.pk]}
        )
        # The action is not offered: the admin sends the officer back to the list.
        assert (response.status_code, response["Location"]) == (302, CHANGELIST)
        assert response["Content-Type"].startswith("text/html")
        assert not AuditEntry.objects.filter(action="export").exists()


class TestDossierPage:
    def test_page_shows_applicant_answers_actions_and_logs_the_view(
        self, client, dossier, reception
    ):
        dossier.answers = {"ten_tre": {"label": "Tên của trẻ", "value": "Nguyễn An Bình"}}
        dossier.save(update_fields=["answers"])
        client.force_login(reception)
        html = client.get(change_url(dossier)).text
        assert "Nguyễn Văn An" in html and "Nguyễn An Bình" in html
        assert "Tiếp nhận hồ sơ" in html and "Từ chối tiếp nhận" in html
        assert "Đã xử lý xong" not in html  # not allowed from "Mới đăng ký"
        assert "giay-khai-sinh.pdf" in html
        assert AuditEntry.objects.for_object(dossier).filter(action="view").count() == 1

    def test_officer_sees_only_processing_actions(self, client, procedure_a, officer, leader):
        d = DossierFactory(procedure=procedure_a)
        dossier_transition(dossier=d, to_status=S.ACCEPTED, actor=leader)
        client.force_login(officer)
        html = client.get(change_url(d)).text
        assert "Chuyển xử lý" in html
        assert "Từ chối tiếp nhận" not in html

    def test_download_headers_and_audit(self, client, dossier, officer):
        client.force_login(officer)
        doc = dossier.documents.get()
        response = client.get(
            reverse("admin:procedures_dossier_download", args=[dossier.pk, doc.pk])
        )
        assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "giay-khai-sinh.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        entry = AuditEntry.objects.for_object(dossier).get(action="download")
        assert entry.details["filename"] == "giay-khai-sinh.pdf"

    def test_document_of_another_dossier_is_404(self, client, dossier, procedure_a, officer):
        other = DossierFactory(procedure=procedure_a)
        client.force_login(officer)
        doc = dossier.documents.get()
        url = reverse("admin:procedures_dossier_download", args=[other.pk, doc.pk])
        assert client.get(url).status_code == 404


class TestActionsThroughTheAdmin:
    def test_accept_then_receipt(self, client, dossier, reception, clock):
        clock.now = at(2026, 3, 2, 8)
        client.force_login(reception)
        url = reverse("admin:procedures_dossier_transition", args=[dossier.pk, int(S.ACCEPTED)])
        page = client.get(url).text
        assert "05/03/2026" in page  # the appointment is shown before confirming
        response = client.post(url, {"public_note": "", "internal_note": ""})
        assert response.status_code == 302
        dossier.refresh_from_db()
        assert dossier.status == S.ACCEPTED
        receipt = client.get(
            reverse("admin:procedures_dossier_print", args=[dossier.pk, "01"])
        ).text
        assert "GIẤY TIẾP NHẬN HỒ SƠ" in receipt and "05/03/2026" in receipt
        assert "style=" not in receipt and "<script>" not in receipt
        assert AuditEntry.objects.for_object(dossier).filter(action="print").count() == 1

    def test_refusal_needs_reasons_and_keeps_input(self, client, dossier, reception):
        client.force_login(reception)
        url = reverse("admin:procedures_dossier_transition", args=[dossier.pk, int(S.REFUSED)])
        response = client.post(url, {"public_note": "  ", "internal_note": "ghi chú nội bộ"})
        assert response.status_code == 200
        assert "Cần ghi rõ nội dung này" in response.text
        assert "ghi chú nội bộ" in response.text
        client.post(url, {"public_note": "Hồ sơ không thuộc thẩm quyền của phường."})
        dossier.refresh_from_db()
        assert dossier.status == S.REFUSED
        sheet = client.get(reverse("admin:procedures_dossier_print", args=[dossier.pk, "03"])).text
        assert "không thuộc thẩm quyền" in sheet

    def test_supplement_ticks_documents(self, client, dossier, reception, procedure_a):
        tick = RequiredDocumentFactory(procedure=procedure_a, name="Bản sao giấy khai sinh")
        RequiredDocumentFactory(procedure=procedure_a, name="Giấy khác")
        client.force_login(reception)
        url = reverse(
            "admin:procedures_dossier_transition", args=[dossier.pk, int(S.SUPPLEMENT_REQUESTED)]
        )
        response = client.post(url, {"public_note": "Bổ sung bản sao."})
        assert "Đánh dấu đúng những giấy tờ còn thiếu" in response.text
        client.post(url, {"public_note": "Bổ sung bản sao.", "documents": [tick.pk]})
        request = dossier.supplement_requests.get()
        assert list(request.documents.all()) == [tick]
        sheet = client.get(
            reverse("admin:procedures_dossier_print", args=[dossier.pk, "02", request.pk])
        ).text
        assert "Bản sao giấy khai sinh" in sheet and "Giấy khác" not in sheet

    def test_obligation_amount(self, client, procedure_a, leader):
        d = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
        client.force_login(leader)
        url = reverse(
            "admin:procedures_dossier_transition", args=[d.pk, int(S.FINANCIAL_OBLIGATION)]
        )
        assert "Số tiền phải lớn hơn 0" in client.post(url, {"amount": "0"}).text
        client.post(url, {"amount": "150000", "public_note": "Nộp tại quầy."})
        d.refresh_from_db()
        assert (d.status, d.obligation_amount) == (S.FINANCIAL_OBLIGATION, 150000)

    def test_apology_form_and_sheet(self, client, procedure_a, leader, officer, clock):
        clock.now = at(2026, 3, 2, 8)
        d = DossierFactory(procedure=procedure_a, email="an@example.com")
        dossier_transition(dossier=d, to_status=S.ACCEPTED, actor=leader)
        clock.now = at(2026, 3, 6, 9)
        client.force_login(officer)
        html = client.get(change_url(d)).text
        assert "Quá hạn – cần phiếu xin lỗi" in html
        url = reverse("admin:procedures_dossier_apology", args=[d.pk])
        bad = client.post(url, {"new_due_date": "07/03/2026", "reason": ""})
        assert "ngày làm việc" in bad.text
        response = client.post(url, {"new_due_date": "10/03/2026", "reason": "Chờ xác minh."})
        assert response.status_code == 302
        sheet = client.get(response["Location"]).text
        assert "XIN LỖI" in sheet and "10/03/2026" in sheet and "05/03/2026" in sheet

    def test_assign(self, client, dossier, reception, officer, other_officer):
        client.force_login(reception)
        url = reverse("admin:procedures_dossier_assign", args=[dossier.pk])
        page = client.get(url).text
        assert "chuyenvien" in page and "chuyenvien_khac" not in page
        assert client.post(url, {"officer": other_officer.pk}).status_code == 200
        dossier.refresh_from_db()
        assert dossier.assigned_to is None  # an officer of another field is refused
        client.post(url, {"officer": officer.pk})
        dossier.refresh_from_db()
        assert dossier.assigned_to == officer

    def test_control_sheet_lists_the_history(self, client, procedure_a, leader):
        d = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED, S.PROCESSING])
        client.force_login(leader)
        sheet = client.get(reverse("admin:procedures_dossier_print", args=[d.pk, "06"])).text
        assert "PHIẾU KIỂM SOÁT" in sheet
        events = sheet.split("<tbody>")[1].split("</tbody>")[0]
        steps = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td>", events)
        assert steps == [
            "Mới đăng ký",
            "Mới đăng ký → Được tiếp nhận",
            "Được tiếp nhận → Đang xử lý",
        ]

    @pytest.mark.parametrize("withdrawn", [False, True])
    def test_a_stopped_dossier_has_its_stop_notice(self, client, procedure_a, leader, withdrawn):
        """Form 05 (Thông báo dừng giải quyết hồ sơ): linked from the page once the dossier
        is stopped, with the reason staff gave, or the resident's withdrawal."""
        path = [S.ACCEPTED, S.PROCESSING] + ([S.WITHDRAWAL_REQUESTED] if withdrawn else [])
        d = DossierFactory(procedure=procedure_a, status_path=path)
        client.force_login(leader)
        url = reverse("admin:procedures_dossier_print", args=[d.pk, "05"])
        assert client.get(url).status_code == 404  # not stopped yet
        dossier_transition(
            dossier=d,
            to_status=S.STOPPED,
            actor=leader,
            public_note="" if withdrawn else "Người nộp đã chuyển nơi cư trú ra ngoài phường.",
        )
        page = client.get(reverse("admin:procedures_dossier_change", args=[d.pk])).text
        assert "05 – Thông báo dừng giải quyết hồ sơ" in page and url in page
        sheet = client.get(url).text
        assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in sheet
        assert f"dừng giải quyết hồ sơ mã số {d.code}" in sheet
        assert ("Theo đề nghị rút hồ sơ của ông/bà." in sheet) == withdrawn
        assert ("Người nộp đã chuyển nơi cư trú" in sheet) != withdrawn


class TestRegisterExport:
    def test_csv_neutralises_formulas_and_is_audited(self, client, procedure_a, reception):
        d = DossierFactory(procedure=procedure_a, applicant_name="=HYPERLINK(1)", street="+1")
        DossierFactory(procedure=ProcedureFactory())  # another field: never exported
        client.force_login(reception)
        response = client.post(
            CHANGELIST,
            {"action": "export_register", "select_across": "1", "_selected_action": [d.pk]},
        )
        assert response["Content-Type"].startswith("text/csv")
        assert "no-store" in response["Cache-Control"]
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert len(rows) == 2
        assert rows[1][0] == d.code
        assert rows[1][3] == "'=HYPERLINK(1)" and rows[1][4] == "'+1"
        # The phone in national format: nothing for formula neutralisation to touch.
        assert rows[1][5] == display_mobile(d.phone) and rows[1][5].startswith("0")
        entry = AuditEntry.objects.get(action="export")
        assert entry.details["rows"] == 1


class TestQueue:
    def test_search_by_code_name_phone_and_id(self, client, procedure_a, leader):
        a = DossierFactory(
            procedure=procedure_a, applicant_name="Trần Thị Bích", phone="+84987654321"
        )
        b = DossierFactory(procedure=procedure_a, id_number="031190004321")
        client.force_login(leader)

        def found(q):
            text = client.get(CHANGELIST, {"q": q}).text
            return {d.code for d in (a, b) if d.code in text}

        assert found(a.code) == {a.code}
        assert found("tran thi bich") == {a.code}
        assert found("0987 654 321") == {a.code}
        assert found("031190004321") == {b.code}

    def test_filters(self, client, procedure_a, leader, officer, clock):
        clock.now = at(2026, 3, 2, 8)
        late = DossierFactory(procedure=procedure_a)
        soon = DossierFactory(procedure=procedure_a)
        dossier_transition(dossier=late, to_status=S.ACCEPTED, actor=leader)
        clock.now = at(2026, 3, 4, 8)
        dossier_transition(dossier=soon, to_status=S.ACCEPTED, actor=leader)
        late.assigned_to = officer
        late.save(update_fields=["assigned_to"])
        clock.now = at(2026, 3, 6, 9)  # late due 5/3 17:00; soon due 9/3 17:00
        client.force_login(officer)

        def codes(**params):
            text = client.get(CHANGELIST, params).text
            return {d.code for d in (late, soon) if d.code in text}

        assert codes(han="qua-han") == {late.code}
        assert codes(han="24h") == {soon.code}
        assert codes(**{"phan-cong": "toi"}) == {late.code}
        assert codes(status__exact="2") == {late.code, soon.code}
        assert codes(o="7") == {late.code, soon.code}  # sortable due date

    def test_changelist_query_budget(
        self, client, procedure_a, officer, leader, django_assert_max_num_queries
    ):
        """The queue page costs the same for 5 rows as for 50: related rows are joined
        (procedure, officer), filters read the field list once, the count is capped."""
        for _ in range(5):
            DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED])
        client.force_login(officer)
        client.get(CHANGELIST)  # warm the calendar cache
        with django_assert_max_num_queries(14) as five:
            client.get(CHANGELIST)
        for _ in range(20):
            DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED])
        with django_assert_max_num_queries(14) as twenty_five:
            client.get(CHANGELIST)
        assert len(twenty_five.captured_queries) == len(five.captured_queries)

    def test_count_is_capped(self, procedure_a, leader, monkeypatch):
        from procedures.desk import admin as admin_dossiers
        from procedures.models import Dossier

        monkeypatch.setattr(admin_dossiers, "COUNT_CAP", 3)
        for _ in range(5):
            DossierFactory(procedure=procedure_a)
        paginator = admin_dossiers.CappedCountPaginator(Dossier.objects.order_by("pk"), 2)
        assert paginator.count == 4


def test_date_hierarchy_from_min_and_max(client, procedure_a, leader):
    """Years and months come from MIN/MAX (no DISTINCT scan of the whole table)."""
    DossierFactory(procedure=procedure_a, submitted_at=at(2025, 11, 3))
    DossierFactory(procedure=procedure_a, submitted_at=at(2026, 2, 3))
    client.force_login(leader)
    html = client.get(CHANGELIST).text
    assert "submitted_at__year=2025" in html and "submitted_at__year=2026" in html
    html = client.get(CHANGELIST, {"submitted_at__year": "2025"}).text
    assert "submitted_at__month=11" in html  # only the months the year filter holds
    assert "submitted_at__month=10" not in html
