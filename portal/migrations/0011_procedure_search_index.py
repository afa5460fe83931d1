"""Trigram index over the procedures' folded search column, on PostgreSQL only.

The catalogue (`LIKE '%khai sinh%'`) and the site search (`LIKE 'khai%'`,
`LIKE '% khai%'`) both read `search_text`; a pg_trgm GIN index serves every one of these
patterns. On SQLite this does nothing: a LIKE scan over a few hundred procedures is instant.
"""

from django.db import migrations

from anphong.db import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("portal", "0010_in_person_desk")]

    operations = [
        trigram_indexes(
            ("portal_procedure_search_text_trgm", "portal_procedure", "search_text"),
        )
    ]
