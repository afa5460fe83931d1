"""Database expressions shared by the apps."""

import datetime

from django.db import connections, models, router
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


def choice_label(choices, value):
    """What `get_FOO_display()` shows for `value` of a `choices` enum, at the cost of one
    translation: Django's method translates every label of the field on each call (it
    builds a dict of all the choices), which a list of 20 rows repeats 20 times."""
    try:
        return choices(value).label
    except ValueError:
        return value


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


def attach_related(instance, relation, /, **columns):
    """Set `instance.<relation>` to its related row, built from columns `instance` already
    holds as annotations: what select_related would give for those columns (BakedQuery
    rows cannot use select_related). `columns` maps each related field to its annotation:

        attach_related(article, "category", name="category_name", slug="category_slug")
    """
    field = instance._meta.get_field(relation)
    model = field.related_model
    names = [model._meta.pk.attname, *columns]
    values = [getattr(instance, field.attname), *(getattr(instance, a) for a in columns.values())]
    setattr(instance, relation, model.from_db(instance._state.db, names, values))


class BakedQuery:
    """A hot read whose SQL Django generates once per database, then reuses.

    Compiling a QuerySet costs more than running it on a small indexed read: for the
    article of a news page, 0.5 ms of Python against 0.3 ms in PostgreSQL. Like
    SQLAlchemy's compiled-query cache, this compiles the QuerySet once per database with
    marker values, notes where each marker lands among the SQL parameters, and then runs
    the same SQL through `Manager.raw()` with the real values, adapted by the same model
    field as the ORM would (a date-time is a string on SQLite, a timestamp on PostgreSQL).

        article_by_slug = BakedQuery(
            Article, lambda slug, now: Article.objects.published(now=now).filter(slug=slug),
            slug="slug", now="published_at",
        )
        rows = article_by_slug(slug="bai-1", now=timezone.now())   # a list of Articles

    `fields` maps each value to the model field it is compared with. `raw()` maps the
    selected columns to fields by name, so a related row's columns come as annotations
    (`annotate(category_name=F("category__name"))`), never through select_related, whose
    columns would clash by name.
    """

    def __init__(self, model, build, **fields):
        self.model, self.build, self.fields = model, build, fields
        self._compiled = {}

    def _field(self, name):
        field = self.model._meta.get_field(self.fields[name])
        return field.target_field if field.is_relation else field

    def _marker(self, name, index):
        """A value of the field's type that no real query uses."""
        field = self._field(name)
        if isinstance(field, models.DateTimeField):
            return datetime.datetime(1901, 2, 3, 4, 5, index, 678901, tzinfo=datetime.UTC)
        if isinstance(field, models.IntegerField):
            return -987_654_000 - index
        return f"\x1fbaked-{index}\x1f"

    def _adapt(self, name, value, connection):
        return self._field(name).get_db_prep_value(value, connection, prepared=False)

    def _compile(self, using):
        connection = connections[using]
        markers = {name: self._marker(name, i) for i, name in enumerate(self.fields)}
        query = self.build(**markers).query
        sql, params = query.get_compiler(using).as_sql()
        if query.select_related or query.values_select:
            raise ValueError("BakedQuery returns model rows: use annotate(), not select_related")
        adapted = {name: self._adapt(name, value, connection) for name, value in markers.items()}
        slots = [next((n for n, a in adapted.items() if p == a), None) for p in params]
        if set(slots) - {None} != set(self.fields):
            raise ValueError("BakedQuery: a value does not reach the SQL as a parameter")
        self._compiled[using] = (sql, tuple(params), tuple(slots))
        return self._compiled[using]

    def __call__(self, *, using=None, **values):
        using = using or router.db_for_read(self.model)
        sql, params, slots = self._compiled.get(using) or self._compile(using)
        connection = connections[using]
        real = [
            param if name is None else self._adapt(name, values[name], connection)
            for param, name in zip(params, slots, strict=True)
        ]
        return list(self.model._default_manager.db_manager(using).raw(sql, real))
