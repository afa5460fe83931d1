"""History rows and supplement requests are headed in words and local time (issue 14.15).

The dossier page's history inline headed each row with ``__str__``: "61: None → 1" (the
dossier's id and the raw status numbers). A row now reads "Mới đăng ký → Được tiếp nhận –
12/02/2026 13:49", in the project's time zone (Asia/Ho_Chi_Minh) as the fields are.
"""

import re

import pytest
from django.urls import reverse

from procedures.constants import DossierStatus as S
from procedures.constants import DueChangeKind
from procedures.models import DossierEvent, SupplementRequest
from procedures.models.deadlines import Apology, DueDateChange
from tests.procedures.factories import DossierFactory
from tests.staff.fixtures import at

pytestmark = pytest.mark.django_db


def test_event_str_names_the_statuses_in_local_time(procedure_a, clock):
    clock.now = at(2026, 2, 12, 13, 49)
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED])
    first, accepted = dossier.events.order_by("pk")
    assert str(first) == "Mới đăng ký – 12/02/2026 13:49"
    assert str(accepted) == "Mới đăng ký → Được tiếp nhận – 12/02/2026 13:49"


def test_event_str_after_local_midnight_is_the_local_day(procedure_a, clock):
    clock.now = at(2026, 2, 13, 0, 30)  # 17:30 on the 12th in UTC
    dossier = DossierFactory(procedure=procedure_a)
    event = DossierEvent(dossier=dossier, from_status=S.PROCESSING, to_status=S.DONE)
    assert str(event) == "Đang xử lý → Đã xử lý xong – 13/02/2026 00:30"


def test_supplement_request_str_is_the_local_day(procedure_a, clock):
    clock.now = at(2026, 2, 13, 0, 30)
    dossier = DossierFactory(procedure=procedure_a)
    request = SupplementRequest(dossier=dossier, note="Thiếu tờ khai")
    assert str(request) == f"{dossier.code}: 13/02/2026"


def test_dossier_page_heads_history_rows_in_words(client, procedure_a, leader, clock):
    clock.now = at(2026, 2, 12, 13, 49)
    dossier = DossierFactory(procedure=procedure_a, status_path=[S.ACCEPTED])
    client.force_login(leader)
    html = client.get(reverse("admin:procedures_dossier_change", args=[dossier.pk])).text
    group = re.search(r'id="events-group".*?</fieldset>', html, re.S)[0]
    headings = re.findall(r'<td class="original">\s*<p>\s*(.*?)\s*(?:<a |</p>)', group, re.S)
    assert headings == [
        "Mới đăng ký – 12/02/2026 13:49",
        "Mới đăng ký → Được tiếp nhận – 12/02/2026 13:49",
    ]
    assert "None →" not in html
    assert "06:49" not in group


def test_apology_and_due_change_are_headed_in_local_time(procedure_a, clock):
    clock.now = at(2026, 2, 13, 0, 30)  # 17:30 on the 12th in UTC
    dossier = DossierFactory(procedure=procedure_a)
    apology = Apology(
        dossier=dossier, old_due_at=clock.now, new_due_at=at(2026, 2, 16, 8, 0), reason="Chậm"
    )
    assert str(apology) == "Xin lỗi, hẹn lại 16/02/2026 08:00 – 13/02/2026 00:30"
    change = DueDateChange(
        dossier=dossier, kind=DueChangeKind.APOLOGY, new_due_at=at(2026, 2, 16, 8, 0)
    )
    assert str(change) == f"{DueChangeKind.APOLOGY.label}: hẹn 16/02/2026 08:00 – 13/02/2026 00:30"
