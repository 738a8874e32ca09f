from django.db import migrations


def seed(apps, schema_editor):
    from voneinander.strategies import fields

    fields.seed(apps.get_model("strategies", "StrategyField"), apps.get_model("knowledge", "Topic"))


class Migration(migrations.Migration):
    dependencies = [
        ("strategies", "0001_initial"),
        ("knowledge", "0002_default_vocabulary"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
