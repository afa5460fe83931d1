"""Trigram index over the procedures' folded search column, on PostgreSQL only.

The catalogue (`LIKE '%khai sinh%'`) and the site search (`LIKE 'khai%'`,
`LIKE '% khai%'`) both read `search_text`; a pg_trgm GIN index serves every one of these
patterns. On SQLite this does nothing: a LIKE scan over a few hundred procedures is instant.
"""

from django.db import migrations

NAME = "portal_procedure_search_text_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON portal_procedure USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0010_in_person_desk")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
