"""Every stored file gets a generated name: nothing a person typed reaches a path."""

import re

import pytest
from django.apps import apps
from django.db import models

pytestmark = pytest.mark.trust("File serving")

MALICIOUS = [
    "../../x.html",
    "..\\..\\boot.ini",
    "brief.pdf/../../../etc/passwd",
    "evil.php.",
    "x./../../evil",
    "Bürgermeister <script>.pdf",
    "/etc/cron.d/evil",
    "a" * 300 + ".pdf",
]
# A directory of our own, 32 random hex digits, at most a short known extension.
GENERATED = re.compile(r"^[a-z]+(/[a-z]+)*/[0-9a-f]{32}(\.[a-z0-9]{1,5})?$")


def _file_fields():
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def test_the_project_has_file_fields_to_check():
    names = {f"{model._meta.label}.{field.name}" for model, field in _file_fields()}

    assert {"admissions.Application.letter", "knowledge.SolutionFile.file"} <= names


@pytest.mark.parametrize(
    "model_field", _file_fields(), ids=lambda mf: f"{mf[0]._meta.label}.{mf[1].name}"
)
def test_file_field_stores_under_a_generated_name(model_field):
    model, field = model_field
    assert callable(field.upload_to), "a fixed directory would keep the uploaded name"
    names = set()
    for given in MALICIOUS:
        name = field.generate_filename(model(), given)

        assert GENERATED.match(name), (given, name)
        assert (
            not {"evil", "passwd", "boot", "script", "html", "php", "aaaa"}
            & set(re.split(r"[/.]", name))
            and "aaaa" not in name
        )
        names.add(name)
    assert len(names) == len(MALICIOUS)  # random, not derived from the input
