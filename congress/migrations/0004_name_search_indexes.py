"""Trigram indexes over the folded names of people and organs, on PostgreSQL only.

The site search matches each typed word at the start of a word of `search_name`
(`LIKE 'word%'` or `LIKE '% word%'`); a pg_trgm GIN index serves both patterns. On
SQLite this does nothing (as in 0002): a LIKE scan over a ward's officials is instant.
"""

from django.db import migrations

from anphong.db import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("congress", "0003_organisation")]

    operations = [
        trigram_indexes(
            ("congress_person_search_name_trgm", "congress_person", "search_name"),
            ("congress_organ_search_name_trgm", "congress_organ", "search_name"),
        )
    ]
