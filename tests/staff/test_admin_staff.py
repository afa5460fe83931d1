"""Staff-side admin: the calendar overrides and the inlines the dossier page will use."""

import datetime as dt

import pytest
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from notifications.admin import NotificationInline
from notifications.models import Notification
from procedures.models import CalendarOverride
from staff.admin import AuditEntryInline
from staff.audit import audit
from tests.staff.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/quan-tri/procedures/calendaroverride/"


def test_changelist_shows_the_national_calendar(client):
    CalendarOverride.objects.create(
        date=dt.date(2026, 8, 22), kind="day_off", reason="Thử nghiệm: không làm bù"
    )
    CalendarOverride.objects.create(
        date=dt.date(2026, 3, 7), kind="working_day", reason="Thử nghiệm: làm bù thứ Bảy"
    )
    client.force_login(UserFactory(superuser=True))
    page = client.get(URL).content.decode()
    assert "Thứ Bảy" in page
    assert "Ngày nghỉ cuối tuần" in page  # 7/3/2026 without the override
    assert "Ngày làm việc" in page  # 22/8/2026: a national make-up Saturday


def test_add_override_through_the_admin(client):
    client.force_login(UserFactory(superuser=True))
    response = client.post(
        f"{URL}add/", {"date": "07/03/2026", "kind": "working_day", "reason": "Làm bù (thử)"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = CalendarOverride.objects.get()
    assert (override.date, override.kind, override.reason) == (
        dt.date(2026, 3, 7),
        "working_day",
        "Làm bù (thử)",
    )


def test_redundant_override_is_explained_and_keeps_the_input(client):
    client.force_login(UserFactory(superuser=True))
    response = client.post(
        f"{URL}add/", {"date": "04/03/2026", "kind": "working_day", "reason": "Nhầm ngày"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày này vốn đã là ngày làm việc" in page
    assert "Nhầm ngày" in page
    assert not CalendarOverride.objects.exists()


def test_staff_without_permission_is_refused(client):
    client.force_login(UserFactory(staff=True))
    assert client.get(URL).status_code == 403


def test_inlines_show_only_the_objects_own_records():
    officer, other = UserFactory(staff=True), UserFactory(staff=True)
    mine = Notification.objects.create(
        channel="email",
        recipient="a@x.vn",
        recipient_masked="a***@x.vn",
        template="t",
        body_text="x",
        target=officer,
    )
    Notification.objects.create(
        channel="email",
        recipient="b@x.vn",
        recipient_masked="b***@x.vn",
        template="t",
        body_text="y",
        target=other,
    )
    entry = audit(actor=other, action="view", target=officer)
    audit(actor=officer, action="view", target=other)

    class HostAdmin(ModelAdmin):
        inlines = [NotificationInline, AuditEntryInline]

    request = RequestFactory().get("/")
    request.user = UserFactory(superuser=True)
    host = HostAdmin(get_user_model(), AdminSite())
    found = {}
    for inline in host.get_inline_instances(request, officer):
        assert not inline.has_add_permission(request, officer)
        assert not inline.has_change_permission(request, officer)
        assert not inline.has_delete_permission(request, officer)
        formset = inline.get_formset(request, officer)(instance=officer)
        found[inline.model] = list(formset.get_queryset())
    assert found == {Notification: [mine], type(entry): [entry]}
