"""Engine-specific full-text structures next to search_searchentry.

PostgreSQL: a generated tsvector column (german configuration, title weight A,
body B) with a GIN index; PostgreSQL keeps it current on every write.
SQLite: an FTS5 table over the German-stemmed text (stemmed in Python, see
voneinander/search/text.py) whose rowid is the entry's id, and an fts5vocab
table for document frequencies. Other engines get neither (search is then
unavailable, not broken: see backends.get_backend).
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('german'::regconfig, coalesce(body, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE search_fts_vocab USING fts5vocab(search_fts, 'row')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_fts_vocab",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entry")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
