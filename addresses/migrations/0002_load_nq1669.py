"""Load Hải Phòng's old → new units of Resolution 1669/NQ-UBTVQH15, Art. 1 items 1–114.

The rows and their sources: addresses/data/nq1669_haiphong.csv and its README. A fresh
database gets the look-up with `migrate`. The reverse keeps the data.
"""

from django.db import migrations


def load(apps, schema_editor):
    from addresses.loader import load as load_rows

    load_rows(
        new_unit_model=apps.get_model("addresses", "NewUnit"),
        old_unit_model=apps.get_model("addresses", "OldUnit"),
        mapping_model=apps.get_model("addresses", "Mapping"),
    )


class Migration(migrations.Migration):
    dependencies = [("addresses", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
