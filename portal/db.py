"""Database expressions shared by the apps."""

from django.db import migrations
from django.db.models import Func


class BinarySort(Func):
    """Order by a stored sort key code point by code point, on every database.

    The keys of portal.text.sort_key sort right only in binary order. SQLite compares
    text that way; PostgreSQL uses the database's collation, and under en_US or ICU
    (the official Docker image's default) "Đạt" would land after "Hạ". So: COLLATE "C".
    """

    arity = 1
    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template='%(expressions)s COLLATE "C"', **extra_context
        )


def choice_label(choices, value):
    """What `get_FOO_display()` shows for `value` of a `choices` enum, at the cost of one
    translation: Django's method translates every label of the field on each call (it
    builds a dict of all the choices), which a list of 20 rows repeats 20 times."""
    try:
        return str(choices(value).label)  # translated now, once: not at each use
    except ValueError:
        return value


def trigram_indexes(*indexes):
    """A migration operation adding pg_trgm GIN indexes, (name, table, column) each.

    `LIKE '%…%'` and word-start patterns on a folded column use such an index instead of
    reading the whole table. PostgreSQL only: on SQLite the operation does nothing and
    search falls back to a LIKE scan, which is fine at a ward's volume.
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in indexes:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _table, _column in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)


# The words of a folded `search_text` column (" word word … ", portal.search.registry.index_text)
# as a tsvector: each word a lexeme as it stands (no parser, no stemming, no positions),
# so that a prefix query 'dai':* asks exactly what LIKE '% dai%' asks. Words over 100
# bytes are left out (PostgreSQL refuses lexemes over 2 KB; nobody types such a word) and
# at most 8 000 distinct words are kept (a tsvector holds at most 1 MB).
SEARCH_WORDS_FUNCTION = """
CREATE OR REPLACE FUNCTION anphong_search_words(text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY(
    SELECT DISTINCT w FROM unnest(string_to_array($1, ' ')) AS w
    WHERE w <> '' AND octet_length(w) <= 100 LIMIT 8000))
$$
"""


def search_words_columns(*tables):
    """A migration operation giving each table a generated `search_words` tsvector of its
    `search_text` with a GIN index (PostgreSQL only; see portal.search.registry.AllWordStarts).

    The column is the database's own business: Django's models do not declare it (a
    generated column has to be the same expression on every database) and never write it.
    """

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(SEARCH_WORDS_FUNCTION)
        for table in tables:
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN search_words tsvector "
                "GENERATED ALWAYS AS (anphong_search_words(search_text)) STORED"
            )
            schema_editor.execute(
                f"CREATE INDEX {table}_search_words ON {table} USING gin (search_words)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_words")
        schema_editor.execute("DROP FUNCTION IF EXISTS anphong_search_words(text)")

    return migrations.RunPython(create, drop, elidable=False)
