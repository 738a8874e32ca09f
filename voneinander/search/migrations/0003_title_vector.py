"""PostgreSQL: a tsvector of the title alone, with its own GIN index.

A query matching tens of thousands of entries examines only a capped sample of
them (backends.PostgresBackend.examined); title matches, found through this
index without touching the rest, are always part of it.
"""

from django.db import migrations

FORWARD = [
    """
    ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('german'::regconfig, coalesce(title, ''))
    ) STORED
    """,
    "CREATE INDEX search_entry_title_vector ON search_searchentry USING gin (title_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
