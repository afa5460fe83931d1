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
