"""Audit entries are headed in local time, as their fields show it (issue 14.15).

The project's TIME_ZONE is Asia/Ho_Chi_Minh (UTC+7): 13:49 there is 06:49 UTC, and the
title, the breadcrumb and the field of an entry must all say 13:49.
"""

import re

import pytest
from django.urls import reverse

from staff.audit import audit
from staff.models import AuditAction
from tests.staff.factories import UserFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db


def test_str_is_the_action_the_actor_and_the_local_time(leader, clock):
    clock.now = at(2026, 2, 12, 13, 49)
    entry = audit(actor=leader, action=AuditAction.VIEW)
    assert str(entry) == "Xem – lanhdao – 12/02/2026 13:49"


def test_str_after_local_midnight_is_the_local_day(leader, clock):
    clock.now = at(2026, 2, 13, 0, 30)  # 17:30 on the 12th in UTC
    entry = audit(actor=leader, action=AuditAction.EXPORT)
    assert str(entry) == "Xuất dữ liệu – lanhdao – 13/02/2026 00:30"


def test_admin_page_title_breadcrumb_and_field_agree(client, clock):
    clock.now = at(2026, 2, 12, 13, 49)
    admin = UserFactory(superuser=True, username="quantri")
    entry = audit(actor=admin, action=AuditAction.DOWNLOAD)
    client.force_login(admin)
    html = client.get(reverse("admin:staff_auditentry_change", args=[entry.pk])).text
    heading = "Tải tệp – quantri – 12/02/2026 13:49"
    title = re.search(r"<title>(.*?) \|", html)[1]
    crumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S)[1]
    field = re.search(r'field-at">.*?<div class="readonly">(.*?)</div>', html, re.S)[1]
    assert title == heading
    assert crumbs.rsplit("&rsaquo;", 1)[1].strip() == heading
    assert field == "12 tháng 2 năm 2026, 13:49"
    assert "06:49" not in html
