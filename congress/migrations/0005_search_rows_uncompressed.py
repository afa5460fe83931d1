"""Keep article and document rows uncompressed up to 8 KB, on PostgreSQL only.

A search reads the folded `search_text` of each candidate row two or three times (the
LIKE filters, then the phrase test of the score). PostgreSQL compresses a row's largest
values once the row passes about 2 KB, and decompresses them again for every read:
at 100 000 articles that was about 40 % of the search's time in the database.
`toast_tuple_target` lets a row grow to 8 KB before anything is compressed (a longer
body is still compressed first, being the largest value). It applies to rows written
from now on; a row saved again is stored the new way. SQLite has no such setting.
"""

from django.db import migrations

TABLES = ("congress_article", "congress_document")


def _alter(clause):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} {clause}")

    return run


class Migration(migrations.Migration):
    dependencies = [("congress", "0004_name_search_indexes")]

    operations = [
        migrations.RunPython(
            _alter("SET (toast_tuple_target = 8160)"),
            _alter("RESET (toast_tuple_target)"),
            elidable=False,
        )
    ]
