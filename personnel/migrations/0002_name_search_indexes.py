"""Trigram indexes over the folded names of people and organs, on PostgreSQL only.

The site search matches each typed word at the start of a word of `search_name`
(`LIKE 'word%'` or `LIKE '% word%'`); a pg_trgm GIN index serves both patterns. On
SQLite this does nothing: a LIKE scan over a ward's officials is instant.
"""

from django.db import migrations

from portal.db import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("personnel", "0001_initial")]

    operations = [
        trigram_indexes(
            ("personnel_person_search_name_trgm", "personnel_person", "search_name"),
            ("personnel_organ_search_name_trgm", "personnel_organ", "search_name"),
        )
    ]
