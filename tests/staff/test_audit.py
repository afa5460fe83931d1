"""Append-only audit trail with masked personal data; masking helpers."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import ProtectedError

from portal.masking import (
    mask_address,
    mask_details,
    mask_email,
    mask_id,
    mask_name,
    mask_phone,
    mask_text,
)
from staff.audit import audit
from staff.models import AppendOnlyError, AuditAction, AuditEntry
from tests.staff.factories import UserFactory


class TestMasking:
    def test_phone(self):
        assert mask_phone("0912345678") == "091****678"
        assert mask_phone("+84 912 345 678") == "849*****678"
        assert mask_phone("12") == "**"

    def test_id_number(self):
        assert mask_id("001203012345") == "*********345"
        assert mask_id("123") == "***"

    def test_email(self):
        assert mask_email("an.nguyen@example.com") == "a***@example.com"
        assert mask_email("not an address") == "***"

    def test_name_keeps_initials(self):
        assert mask_name("Nguyễn  Văn An") == "N. V. A."
        assert mask_name("Đặng Thị Ánh") == "Đ. T. Á."

    def test_address_keeps_the_last_part(self):
        assert mask_address("Số 5, tổ dân phố 3, phường An Phong") == "***, phường An Phong"

    def test_free_text(self):
        text = "Gọi 0912 345 678 hoặc 0912.345.678, CCCD 001203012345, thư an@x.vn"
        assert mask_text(text) == (
            "Gọi *******678 hoặc *******678, CCCD *********345, thư a***@x.vn"
        )

    def test_dossier_codes_and_dates_are_left_alone(self):
        assert mask_text("Hồ sơ 000.30.01.H23-260302-0001 ngày 02/03/2026") == (
            "Hồ sơ 000.30.01.H23-260302-0001 ngày 02/03/2026"
        )

    def test_details_by_key_and_nested(self):
        masked = mask_details(
            {
                "applicant_name": "Nguyễn Văn An",
                "phone": 912345678,
                "so_giay_to": "001203012345",
                "filename": "giay-khai-sinh.pdf",
                "changes": {"email": "an@x.vn", "note": "gọi 0912345678"},
                "documents": ["ban sao", "0912345678"],
                "count": 3,
                "at": dt.date(2026, 3, 2),
                "paid": True,
            }
        )
        assert masked == {
            "applicant_name": "N. V. A.",
            "phone": "912***678",
            "so_giay_to": "*********345",
            "filename": "giay-khai-sinh.pdf",
            "changes": {"email": "a***@x.vn", "note": "gọi *******678"},
            "documents": ["ban sao", "*******678"],
            "count": 3,
            "at": dt.date(2026, 3, 2),
            "paid": True,
        }


@pytest.mark.django_db
class TestAudit:
    def test_records_who_what_and_masked_details(self):
        officer = UserFactory(staff=True, username="chuyenvien1")
        resident_record = UserFactory(username="0912345678")  # a target whose label is personal
        entry = audit(
            actor=officer,
            action=AuditAction.DOWNLOAD,
            target=resident_record,
            filename="cccd.pdf",
            phone="0912345678",
        )
        entry.refresh_from_db()
        assert entry.actor == officer
        assert entry.actor_label == "chuyenvien1"
        assert entry.action == "download"
        assert entry.target == resident_record
        assert entry.target_label == "*******678"
        assert entry.details == {"filename": "cccd.pdf", "phone": "091****678"}
        assert list(AuditEntry.objects.for_object(resident_record)) == [entry]

    def test_system_actor_and_no_target(self):
        entry = audit(actor=None, action="purge", count=12)
        assert entry.actor is None and entry.actor_label == "hệ thống"
        assert audit(actor=AnonymousUser(), action="export").actor_label == "hệ thống"

    def test_unknown_action_is_refused(self):
        with pytest.raises(ValueError, match="'hack' is not a valid AuditAction"):
            audit(actor=None, action="hack")
        assert not AuditEntry.objects.exists()

    def test_entry_rolls_back_with_the_change(self):
        with pytest.raises(RuntimeError), transaction.atomic():
            audit(actor=None, action="transition", to="9")
            raise RuntimeError
        assert not AuditEntry.objects.exists()

    def test_entries_cannot_be_changed_or_deleted(self):
        entry = audit(actor=None, action="view")
        entry.action = AuditAction.EXPORT
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            entry.delete()
        with pytest.raises(AppendOnlyError):
            AuditEntry.objects.all().delete()
        with pytest.raises(AppendOnlyError):
            AuditEntry.objects.filter(pk=entry.pk).update(action="export")
        assert AuditEntry.objects.get().action == "view"

    def test_an_officer_with_entries_cannot_be_deleted(self):
        officer = UserFactory(staff=True)
        audit(actor=officer, action="view")
        with pytest.raises(ProtectedError):
            officer.delete()


@pytest.mark.django_db
class TestAuditAdmin:
    def test_read_only_even_for_a_superuser(self, client):
        admin_user = UserFactory(superuser=True)
        entry = audit(actor=admin_user, action="export", rows=120)
        client.force_login(admin_user)
        listing = client.get("/quan-tri/staff/auditentry/")
        assert listing.status_code == 200
        assert "rows: 120" in listing.content.decode()
        assert "delete_selected" not in listing.content.decode()
        change = client.get(f"/quan-tri/staff/auditentry/{entry.pk}/change/")
        assert change.status_code == 200
        assert 'type="submit"' not in change.content.decode().split('id="auditentry_form"')[1]
        assert client.get("/quan-tri/staff/auditentry/add/").status_code == 403
        assert client.get(f"/quan-tri/staff/auditentry/{entry.pk}/delete/").status_code == 403
        response = client.post(f"/quan-tri/staff/auditentry/{entry.pk}/change/", {"action": "view"})
        assert response.status_code == 403
        assert AuditEntry.objects.get().action == "export"

    def test_staff_without_permission_cannot_see_it(self, client):
        client.force_login(UserFactory(staff=True))
        assert client.get("/quan-tri/staff/auditentry/").status_code == 403

    def test_only_a_view_permission_exists(self):
        from django.contrib.auth.models import Permission

        codenames = set(
            Permission.objects.filter(content_type__model="auditentry").values_list(
                "codename", flat=True
            )
        )
        assert codenames == {"view_auditentry"}
