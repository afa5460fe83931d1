"""Database expressions shared by the apps."""

import datetime
from dataclasses import dataclass

from django.db import connections, models, router
from django.db.models import Func
from django.db.models.query import ModelIterable, ValuesListIterable


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
    from django.db import migrations

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


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: tuple
    compiler: object
    converters: dict | None  # None for model rows; {} for tuples without conversion

    @property
    def tuples(self):
        return self.converters is not None


class BakedQuery:
    """A hot read whose SQL Django generates once per database, then reuses.

    Compiling a QuerySet costs more than running it on a small indexed read: for the
    article of a news page, 0.5 ms of Python against 0.3 ms in PostgreSQL. Like
    SQLAlchemy's compiled-query cache, this compiles the QuerySet once per database with
    marker values, notes where each marker lands among the SQL parameters, and then runs
    the same SQL with the real values, adapted by the same model field as the ORM would
    (a date-time is a string on SQLite, a timestamp on PostgreSQL).

        article_by_slug = BakedQuery(
            Article, lambda slug, now: Article.objects.published(now=now).filter(slug=slug),
            slug="slug", now="published_at",
        )
        rows = article_by_slug(slug="bai-1", now=timezone.now())   # a list of Articles

    `fields` maps each value to the model field it is compared with. A model QuerySet
    runs through `Manager.raw()`, which maps the selected columns to fields by name, so a
    related row's columns come as annotations (`annotate(category_name=F("category__name"))`),
    never through select_related, whose columns would clash by name. A `values_list()`
    QuerySet gives tuples, converted as the ORM converts them.

    A text value may also land inside a parameter, as in a LIKE pattern
    (`search_text__contains=term` sends "%term%"): the real value, escaped for LIKE as the
    lookup would escape it, then takes the marker's place. `statement()` gives the SQL
    and the real parameters to embed the query in a larger statement (`fetch()` runs it).
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

    def _slot(self, param, adapted):
        """Which value a compiled parameter carries: (name, marker) when the parameter
        holds a text marker inside a longer string (a LIKE pattern), (name, None) when it
        is the value itself, None for a constant of the query."""
        for name, value in adapted.items():
            if param == value:
                return name, None
        for name, value in adapted.items():
            if isinstance(value, str) and isinstance(param, str) and value in param:
                return name, value
        return None

    def _compile(self, using):
        connection = connections[using]
        markers = {name: self._marker(name, i) for i, name in enumerate(self.fields)}
        queryset = self.build(**markers)
        query = queryset.query
        if query.select_related:
            raise ValueError("BakedQuery returns model rows: use annotate(), not select_related")
        if queryset._iterable_class not in (ModelIterable, ValuesListIterable):
            raise ValueError("BakedQuery runs a model QuerySet or a values_list() one")
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        adapted = {name: self._adapt(name, value, connection) for name, value in markers.items()}
        slots = tuple(self._slot(p, adapted) for p in params)
        if {slot[0] for slot in slots if slot} != set(self.fields):
            raise ValueError("BakedQuery: a value does not reach the SQL as a parameter")
        converters = None
        if queryset._iterable_class is ValuesListIterable:  # as compiler.results_iter()
            converters = compiler.get_converters(
                [column for column, _, _ in compiler.select[: compiler.col_count]]
            )
        self._compiled[using] = _Compiled(sql, tuple(params), slots, compiler, converters)
        return self._compiled[using]

    def _for(self, using):
        return self._compiled.get(using) or self._compile(using)

    def statement(self, *, using=None, **values):
        """(sql, params): the compiled SQL and the parameters for these values."""
        using = using or router.db_for_read(self.model)
        compiled = self._for(using)
        connection = connections[using]
        real = []
        for param, slot in zip(compiled.params, compiled.slots, strict=True):
            if slot is None:
                real.append(param)
                continue
            name, marker = slot
            value = self._adapt(name, values[name], connection)
            if marker is not None:
                value = param.replace(marker, connection.ops.prep_for_like_query(value))
            real.append(value)
        return compiled.sql, real

    def fetch(self, sql, params, *, using=None):
        """Run `sql` (this query's statement, or a statement wrapping it that selects the
        same columns in the same order) and return tuples converted as the ORM would."""
        using = using or router.db_for_read(self.model)
        compiled = self._for(using)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            rows = compiled.compiler.apply_converters(rows, compiled.converters)
        return [tuple(row) for row in rows]

    def __call__(self, *, using=None, **values):
        using = using or router.db_for_read(self.model)
        sql, real = self.statement(using=using, **values)
        if self._for(using).tuples:
            return self.fetch(sql, real, using=using)
        return list(self.model._default_manager.db_manager(using).raw(sql, real))
