from django.db import migrations


def seed_legal_pages(apps, schema_editor):
    from voneinander.pages import legal_texts

    legal_texts.seed(apps.get_model("pages", "Page"))


def remove_legal_pages(apps, schema_editor):
    apps.get_model("pages", "Page").objects.exclude(kind="free").delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(seed_legal_pages, remove_legal_pages)]
