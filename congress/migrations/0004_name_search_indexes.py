"""Trigram indexes over the folded names of people and organs, on PostgreSQL only.

The site search matches each typed word at the start of a word of `search_name`
(`LIKE 'word%'` or `LIKE '% word%'`); a pg_trgm GIN index serves both patterns. On
SQLite this does nothing (as in 0002): a LIKE scan over a ward's officials is instant.
"""

from django.db import migrations

INDEXES = [
    ("congress_person_search_name_trgm", "congress_person", "search_name"),
    ("congress_organ_search_name_trgm", "congress_organ", "search_name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("congress", "0003_organisation")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
