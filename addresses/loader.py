"""Load addresses/data/nq1669_haiphong.csv (sources in addresses/data/README.md).

Called by the data migration with its historical models, which have no custom save():
the folded and sort-key columns are computed here. Idempotent: rows are matched on their
natural keys, so running it twice changes nothing.
"""

import csv
from pathlib import Path

from django.db import transaction

from portal.text import fold, nfc, sort_key

DATA_FILE = Path(__file__).resolve().parent / "data" / "nq1669_haiphong.csv"
NEW_PROVINCE = "Thành phố Hải Phòng"
RESOLUTION = "1669/NQ-UBTVQH15"


def read_rows(path=DATA_FILE):
    with open(path, encoding="utf-8", newline="") as handle:
        return [{key: nfc(value) for key, value in row.items()} for row in csv.DictReader(handle)]


def load(*, new_unit_model, old_unit_model, mapping_model, path=DATA_FILE):
    """Create or update every unit and mapping of the file; return the number of mappings."""
    rows = read_rows(path)
    with transaction.atomic():
        new_units, old_units = {}, {}
        for row in rows:
            key = (row["new_unit_kind"], row["new_unit"])
            if key not in new_units:
                new_units[key], _created = new_unit_model.objects.update_or_create(
                    province=NEW_PROVINCE,
                    kind=row["new_unit_kind"],
                    name=row["new_unit"],
                    defaults={
                        "item": int(row["item"]),
                        "resolution": RESOLUTION,
                        "sort_key": sort_key(row["new_unit"]),
                    },
                )
            old_key = (
                row["old_province"],
                row["old_district"],
                row["old_unit_kind"],
                row["old_unit"],
            )
            if old_key not in old_units:
                old_units[old_key], _created = old_unit_model.objects.update_or_create(
                    province=row["old_province"],
                    district=row["old_district"],
                    kind=row["old_unit_kind"],
                    name=row["old_unit"],
                    defaults={
                        "code": row["old_code"],
                        "folded": fold(row["old_unit"]),
                        "sort_key": sort_key(row["old_unit"]),
                    },
                )
            mapping_model.objects.update_or_create(
                old=old_units[old_key],
                new=new_units[key],
                defaults={
                    "share": row["share_wording"],
                    "remainder_after": row["remainder_after_items"],
                },
            )
    return len(rows)
