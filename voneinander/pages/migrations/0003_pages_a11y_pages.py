from django.db import migrations

# The sentence of the first accessibility statement that these pages make untrue.
NOT_YET = (
    "- Es gibt noch keine Erklärungen in Deutscher Gebärdensprache und in Leichter Sprache. Wir "
    "arbeiten daran.\n"
)


def seed_a11y_pages(apps, schema_editor):
    from voneinander.pages import a11y_texts

    page_model = apps.get_model("pages", "Page")
    a11y_texts.seed(page_model)
    statement = page_model.objects.filter(kind="accessibility").first()
    if statement is not None and NOT_YET in statement.body:
        statement.body = statement.body.replace(NOT_YET, "")
        statement.save(update_fields=["body"])


def remove_a11y_pages(apps, schema_editor):
    from voneinander.pages import a11y_texts

    slugs = [values["slug"] for values in a11y_texts.a11y_pages()]
    apps.get_model("pages", "Page").objects.filter(network=None, slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_pages_seed_legal")]

    operations = [migrations.RunPython(seed_a11y_pages, remove_a11y_pages)]
