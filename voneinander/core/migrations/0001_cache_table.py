"""Create the database cache table, so `migrate` is the only set-up step.

The database cache is the default shared cache (login rate limits, sessions).
`createcachetable` does nothing when no database cache is configured.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies: list = []
    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
