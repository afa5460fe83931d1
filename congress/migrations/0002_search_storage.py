"""Search storage for articles and documents, on PostgreSQL only.

1. Rows stay uncompressed up to 8 KB (`toast_tuple_target`). A search reads the folded
   `search_text` of each candidate row more than once; PostgreSQL compresses a row's largest
   values once the row passes about 2 KB and decompresses them for every read: at 100 000
   articles that was about 40 % of the search's time in the database.
2. Each table gets a generated `search_words` column (the words of `search_text` as
   lexemes, `portal.db.search_words_columns`) with a GIN index, which
   `portal.search.registry.AllWordStarts` filters on: at 100 000 articles LIKE patterns over
   each candidate's text (with trigram indexes) spent most of a search's database time.

SQLite keeps the LIKE patterns and has neither setting.
"""

from django.db import migrations

from portal.db import search_words_columns

TABLES = ("congress_article", "congress_document")


def _alter(clause):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in TABLES:
            schema_editor.execute(f"ALTER TABLE {table} {clause}")

    return run


class Migration(migrations.Migration):
    dependencies = [("congress", "0001_initial")]

    operations = [
        migrations.RunPython(
            _alter("SET (toast_tuple_target = 8160)"),
            _alter("RESET (toast_tuple_target)"),
            elidable=False,
        ),
        search_words_columns(*TABLES),
    ]
