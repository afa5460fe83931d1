"""Demo values of the term targets for `make run`: a few measurements per target, all demo.

The targets themselves are real (a data migration of congress creates them); no value of
them is known from any source, so every value here is marked demo (is_demo=True, shown
with the demo badge, and the source says so). The share of dossiers handled fully online
gets none: the portal measures it from the (demo) dossiers. Idempotent: a demo value for
the same target and date is not added twice; dates still in the future are skipped.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from congress import services
from congress.constants import TargetComputation
from congress.models import Target, TargetValue

SOURCE = "Số liệu minh họa, chưa phải số liệu thật của phường"

# code: [(date, value), …]; some targets are met, some on track, some behind.
VALUES = {
    "to-chuc-dang-thuc-hien-nghi-quyet": [("2025-12-31", "96"), ("2026-06-30", "100")],
    "ket-nap-dang-vien-moi": [("2025-12-31", "3.1"), ("2026-06-30", "3.6")],
    "thanh-lap-to-chuc-dang-moi": [("2025-12-31", "1"), ("2026-06-30", "1")],
    "can-bo-dat-chuan-ky-nang-so": [("2025-12-31", "72"), ("2026-06-30", "85")],
    "bao-hiem-y-te": [("2025-12-31", "93.2"), ("2026-06-30", "94.1")],
    "bao-hiem-xa-hoi": [("2025-12-31", "61.5"), ("2026-06-30", "63")],
    "truong-hoc-da-nang-thong-minh": [("2025-12-31", "40"), ("2026-06-30", "60")],
    "gia-dinh-van-hoa": [("2025-12-31", "95.6"), ("2026-06-30", "96.2")],
    "to-dan-pho-van-hoa": [("2025-12-31", "94.5"), ("2026-06-30", "95.1")],
    "ho-ngheo": [("2025-12-31", "0"), ("2026-06-30", "0")],
}


def load(stdout=None):
    """Add the demo values that are missing (none for a target measured by the portal)."""
    today = timezone.localdate()
    added = 0
    targets = Target.objects.filter(code__in=VALUES, computed_from=TargetComputation.EDITOR)
    for target in targets:
        for day, value in VALUES[target.code]:
            measured_on = dt.date.fromisoformat(day)
            if measured_on > today:
                continue
            if TargetValue.objects.filter(target=target, measured_on=measured_on).exists():
                continue
            services.target_value_add(
                target=target,
                value=Decimal(value),
                measured_on=measured_on,
                source=SOURCE,
                is_demo=True,
            )
            added += 1
    if stdout is not None:
        stdout.write(f"Demo target values: {added} added.")
    return added
