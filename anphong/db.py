"""Database expressions shared by the apps."""

from django.db.models import Func


class BinarySort(Func):
    """Order by a stored sort key code point by code point, on every database.

    The keys of anphong.text.sort_key sort right only in binary order. SQLite compares
    text that way; PostgreSQL uses the database's collation, and under en_US or ICU
    (the official Docker image's default) "Đạt" would land after "Hạ". So: COLLATE "C".
    """

    arity = 1
    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template='%(expressions)s COLLATE "C"', **extra_context
        )


def trigram_indexes(*indexes):
    """A migration operation adding pg_trgm GIN indexes, (name, table, column) each.

    `LIKE '%…%'` and word-start patterns on a folded column use such an index instead of
    reading the whole table. PostgreSQL only: on SQLite the operation does nothing and
    search falls back to a LIKE scan, which is fine at a ward's volume.
    """
    from django.db import migrations

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
