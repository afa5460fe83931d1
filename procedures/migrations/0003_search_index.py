"""Trigram index over the procedures' folded search column, on PostgreSQL only.

The catalogue (`LIKE '%khai sinh%'`) and the site search (`LIKE 'khai%'`,
`LIKE '% khai%'`) both read `search_text`; a pg_trgm GIN index serves every one of these
patterns. On SQLite this does nothing: a LIKE scan over a few hundred procedures is instant.
"""

from django.db import migrations

from portal.db import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_places")]

    operations = [
        trigram_indexes(
            ("procedures_procedure_search_text_trgm", "procedures_procedure", "search_text"),
        )
    ]
