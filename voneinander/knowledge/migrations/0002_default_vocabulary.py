from django.db import migrations

from voneinander.knowledge import vocabulary


def seed(apps, schema_editor):
    vocabulary.seed(apps.get_model("knowledge", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
