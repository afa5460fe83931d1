"""Trigram indexes over the folded search columns, on PostgreSQL only.

`LIKE '%dai hoi%'` on a folded column can use a pg_trgm GIN index instead of reading the
whole table. SQLite has no such index type: there the operation does nothing and search
falls back to a LIKE scan, which is fine at a ward's volume.
"""

from django.db import migrations

INDEXES = [
    ("congress_article_search_trgm", "congress_article", "search_text"),
    ("congress_article_title_trgm", "congress_article", "search_title"),
    ("congress_document_search_trgm", "congress_document", "search_text"),
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
    dependencies = [("congress", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
