"""Every row of the fixtures fits its column.

SQLite does not enforce a CharField's max_length; PostgreSQL refuses the whole fixture
(a help text of 398 characters in a column of 300 once stopped the demo from loading
there while every SQLite test passed). This check runs on either database.
"""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

FIXTURES = sorted((Path(settings.BASE_DIR) / "fixtures").rglob("*.json"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_text_fits_its_column(path):
    too_long = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        model = apps.get_model(row["model"])
        for name, value in row["fields"].items():
            field = model._meta.get_field(name)
            limit = getattr(field, "max_length", None)
            if isinstance(value, str) and limit and len(value) > limit:
                too_long.append((row["model"], row.get("pk"), name, len(value), limit))
    assert too_long == []
