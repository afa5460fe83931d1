"""Word-start search through a tsvector of the folded words, on PostgreSQL only.

Each table gets a generated `search_words` column (the words of `search_text` as
lexemes, `anphong.db.search_words_columns`) with a GIN index; `anphong.search.AllWordStarts`
filters on it. It replaces the trigram indexes of migration 0002 for these columns: at
100 000 articles a search for a common word spent most of its database time running two
LIKE patterns over each candidate's text and estimating them against the column's
histogram, and a mid-frequency word ("ke hoach", in 17 % of the rows) 8 ms. SQLite keeps
the LIKE patterns.
"""

from django.db import migrations

from anphong.db import search_words_columns, trigram_indexes

TRIGRAM_INDEXES = (
    ("congress_article_search_trgm", "congress_article", "search_text"),
    ("congress_article_title_trgm", "congress_article", "search_title"),
    ("congress_document_search_trgm", "congress_document", "search_text"),
)


def _reversed(operation):
    """The RunPython operation with its two directions swapped."""
    return migrations.RunPython(operation.reverse_code, operation.code, elidable=False)


class Migration(migrations.Migration):
    dependencies = [("congress", "0005_search_rows_uncompressed")]

    operations = [
        search_words_columns("congress_article", "congress_document"),
        _reversed(trigram_indexes(*TRIGRAM_INDEXES)),
    ]
