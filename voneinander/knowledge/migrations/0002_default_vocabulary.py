from django.db import migrations

from voneinander.knowledge.vocabulary import FIELDS, TOPICS


def seed(apps, schema_editor):
    Topic = apps.get_model("knowledge", "Topic")
    position = 0
    for is_field, entries in ((True, FIELDS), (False, TOPICS)):
        for slug, name, description in entries:
            position += 10
            Topic.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "description": description,
                    "is_field": is_field,
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
