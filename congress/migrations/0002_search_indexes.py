"""Trigram indexes over the folded search columns, on PostgreSQL only.

`LIKE '%dai hoi%'` on a folded column can use a pg_trgm GIN index instead of reading the
whole table. SQLite has no such index type: there the operation does nothing and search
falls back to a LIKE scan, which is fine at a ward's volume.
"""

from django.db import migrations

from anphong.db import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("congress", "0001_initial")]

    operations = [
        trigram_indexes(
            ("congress_article_search_trgm", "congress_article", "search_text"),
            ("congress_article_title_trgm", "congress_article", "search_title"),
            ("congress_document_search_trgm", "congress_document", "search_text"),
        )
    ]
